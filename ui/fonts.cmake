# fonts.cmake: the font files the app loads (ui/theme.cpp's load_fonts), from Debian's fonts-* packages:
# LAYERLAB_FONTS, checked here, and layerlab_copy_fonts(DIR), which copies them into one folder as the app
# expects them (the app's build folder, the font tests' folder).
set(LAYERLAB_FONTS
  /usr/share/fonts/opentype/inter/Inter-Regular.otf
  /usr/share/fonts/opentype/inter/Inter-SemiBold.otf
  /usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)  # merged into the others for the glyphs they lack
foreach(font ${LAYERLAB_FONTS})
  if(NOT EXISTS ${font})
    message(FATAL_ERROR "font ${font} is missing: run ./lab setup (it installs fonts-inter, fonts-jetbrains-mono and fonts-dejavu-core)")
  endif()
endforeach()

function(layerlab_copy_fonts dir)
  file(MAKE_DIRECTORY ${dir})
  file(COPY ${LAYERLAB_FONTS} DESTINATION ${dir})
endfunction()
