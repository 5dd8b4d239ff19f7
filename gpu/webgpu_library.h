// webgpu_library.h: the C declarations of webgpu_library.js's functions (handles are ints; 0 is never a handle).
#pragma once
#include <cstddef>

extern "C" {
void lab_gpu_init();
int lab_gpu_state();  // 0 starting, 1 ready, -1 no WebGPU or no adapter, -2 device lost or failed
void lab_gpu_adapter_name(char* out, int capacity);
double lab_gpu_counter(int which);  // 0 mapAsync calls, 1 dispatches, 2 errors
int lab_gpu_create_buffer(size_t bytes);
void lab_gpu_destroy_buffer(int handle);
void lab_gpu_write_buffer(int handle, const void* source, size_t bytes);
int lab_gpu_create_pipeline(const char* code, const char* entry, int storage_count);
void lab_gpu_begin_step();
void lab_gpu_dispatch(int pipeline, const void* params, size_t param_bytes, const int* handles, int groups_x,
                      int groups_y);
void lab_gpu_clear(int handle);
void lab_gpu_read(int handle, void* destination, size_t bytes);
void lab_gpu_end_step(void (*done)(void* context, int ok), void* context);
}
