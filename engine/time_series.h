// time_series.h: vega-datasets' hourly temperatures, series standardisation, and windowed (past -> future) regression.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "dataset.h"

namespace layerlab {

// Reads vega-datasets' seattle-temps.csv or sf-temps.csv (Debian python3-vega-datasets): a header naming a
// `temp` column (seattle has "date,temp", sf has "temp,date") and one row per hour of 2010, in degrees
// Fahrenheit. The values are kept in file order (the dates are not parsed: both files are hourly, with the one
// hour that daylight saving skips absent). False with *error naming the line for a row that has the wrong number
// of fields or a temp that is not a finite number, and for a missing file, a header without `temp`, or no rows.
bool load_vega_temps(const std::string& csv_path, std::vector<float>* series, std::string* error);

// How a series was standardised, to show predictions in the original unit: original = scaled * stddev + mean.
struct SeriesScale {
  float mean = 0.0f;
  float stddev = 1.0f;
  float to_original(float scaled) const { return scaled * stddev + mean; }
  float to_scaled(float original) const { return (original - mean) / stddev; }
};

// Standardises *series in place with the mean and (population) standard deviation of its first fit_count values
// (all of them when fit_count is 0 or too large) and returns them. Fit on the training part only, so that test
// values never shape the scale. A constant stretch gets stddev 1 (values are only shifted).
SeriesScale standardize_series(std::vector<float>* series, size_t fit_count);

// The classic windowed framing, values as given (standardise the series first if wanted):
// example i has the `window` values series[i .. i + window - 1] as its inputs (steps = window, 1 feature per step,
// features = window) and, as its one regression target (target_width = 1, y empty), the value `horizon` steps
// after the window's last one: series[i + window - 1 + horizon]. So n values give n - window - horizon + 1
// examples, in time order. Empty Dataset and *error set for an empty series, window <= 0, horizon <= 0,
// window + horizon > the series length, or a value that is not finite.
Dataset make_window_dataset(const std::vector<float>& series, int window, int horizon, std::string* error);

}  // namespace layerlab
