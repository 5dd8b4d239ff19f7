// webgpu_library.js: the --js-library behind WebGpuBackend: device, buffers and pipelines as integer handles, one encoder per step.
// Today's WebGPU API only (dispatchWorkgroups, explicit bind group layouts). Each step: lab_gpu_begin_step opens a
// command encoder; dispatches (sharing compute passes, broken only by clears), clears and reads are recorded into it;
// each dispatch's parameters take a 256-byte slot of uniform buffers reused by every step (written once, just before
// the submit); lab_gpu_end_step copies every read into ONE staging buffer, submits, and maps that buffer once (one
// mapAsync per step, counted), then copies the values into wasm memory and calls back into C++. Nothing ever blocks.
// Errors (validation, device loss) are counted and reported on the console; C++ sees them through lab_gpu_state().
mergeInto(LibraryManager.library, {
  $LabGpu: {
    state: 0,            // 0 starting, 1 ready, -1 no WebGPU / no adapter, -2 device lost or failed
    device: null,
    adapterName: '',
    buffers: [null],     // handle 0 is never used
    pipelines: [null],
    encoder: null,
    pass: null,          // the open compute pass of the open step
    reads: [],           // {buffer, bytes, destination} of the open step
    uniformRings: [],    // uniform buffers of SLOTS_PER_RING 256-byte slots, reused by every step
    uniformStaging: [],  // each ring's contents for the open step
    uniformSlots: 0,     // slots the open step has used
    mapAsyncCalls: 0,
    dispatches: 0,
    errors: 0,
    endPass: function () {
      if (LabGpu.pass) LabGpu.pass.end();
      LabGpu.pass = null;
    },
    report: function (message) {
      LabGpu.errors++;
      console.error('webgpu: ' + message);
    },
  },

  lab_gpu_init__deps: ['$LabGpu'],
  lab_gpu_init: function () {
    if (typeof navigator === 'undefined' || !navigator.gpu) { LabGpu.state = -1; return; }
    navigator.gpu.requestAdapter().then((adapter) => {
      if (!adapter) { LabGpu.state = -1; return null; }
      const info = adapter.info || {};
      LabGpu.adapterName = [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ') || 'unknown adapter';
      return adapter.requestDevice().then((device) => {
        LabGpu.device = device;
        device.lost.then((lost) => { LabGpu.state = -2; LabGpu.report('device lost: ' + lost.message); });
        device.onuncapturederror = (event) => LabGpu.report(event.error.message);
        LabGpu.state = 1;
      });
    }).catch((err) => { LabGpu.state = -2; LabGpu.report('initialisation failed: ' + err.message); });
  },

  lab_gpu_state__deps: ['$LabGpu'],
  lab_gpu_state: function () { return LabGpu.state; },

  lab_gpu_adapter_name__deps: ['$LabGpu'],
  lab_gpu_adapter_name: function (out, capacity) { stringToUTF8(LabGpu.adapterName, out, capacity); },

  lab_gpu_counter__deps: ['$LabGpu'],
  lab_gpu_counter: function (which) {
    return [LabGpu.mapAsyncCalls, LabGpu.dispatches, LabGpu.errors][which];
  },

  lab_gpu_create_buffer__deps: ['$LabGpu'],
  lab_gpu_create_buffer: function (bytes) {
    const size = Math.max(16, Math.ceil(bytes / 4) * 4);
    LabGpu.buffers.push(LabGpu.device.createBuffer({
      size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }));
    return LabGpu.buffers.length - 1;
  },

  lab_gpu_destroy_buffer__deps: ['$LabGpu'],
  lab_gpu_destroy_buffer: function (handle) {
    LabGpu.buffers[handle].destroy();
    LabGpu.buffers[handle] = null;
  },

  lab_gpu_write_buffer__deps: ['$LabGpu'],
  lab_gpu_write_buffer: function (handle, source, bytes) {
    LabGpu.device.queue.writeBuffer(LabGpu.buffers[handle], 0, HEAPU8.slice(source, source + bytes));
  },

  // A compute pipeline for one entry point; binding 0 is a uniform buffer, 1..storage_count storage buffers.
  lab_gpu_create_pipeline__deps: ['$LabGpu'],
  lab_gpu_create_pipeline: function (code, entry, storageCount) {
    const device = LabGpu.device;
    const entries = [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }];
    for (let i = 1; i <= storageCount; i++) {
      entries.push({ binding: i, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } });
    }
    const layout = device.createBindGroupLayout({ entries });
    const module = device.createShaderModule({ code: UTF8ToString(code) });
    const entryPoint = UTF8ToString(entry);
    const pipeline = device.createComputePipeline({
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint },
    });
    LabGpu.pipelines.push({ pipeline, layout, storageCount });
    return LabGpu.pipelines.length - 1;
  },

  lab_gpu_begin_step__deps: ['$LabGpu'],
  lab_gpu_begin_step: function () {
    LabGpu.device.pushErrorScope('validation');
    LabGpu.encoder = LabGpu.device.createCommandEncoder();
    LabGpu.reads = [];
    LabGpu.uniformSlots = 0;
  },

  // params: `paramBytes` bytes of the kernel's uniform struct; buffers: storageCount int32 handles.
  lab_gpu_dispatch__deps: ['$LabGpu'],
  lab_gpu_dispatch: function (pipelineHandle, params, paramBytes, handles, groupsX, groupsY) {
    const { pipeline, layout, storageCount } = LabGpu.pipelines[pipelineHandle];
    const device = LabGpu.device;
    // A queue write after an earlier submit never changes what that submit reads, so slots are reused per step.
    const SLOT = 256, SLOTS_PER_RING = 1024;
    const slot = LabGpu.uniformSlots++;
    const ring = Math.floor(slot / SLOTS_PER_RING);
    if (ring === LabGpu.uniformRings.length) {
      LabGpu.uniformRings.push(device.createBuffer({
        size: SLOT * SLOTS_PER_RING, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      }));
      LabGpu.uniformStaging.push(new Uint8Array(SLOT * SLOTS_PER_RING));
    }
    const offset = (slot % SLOTS_PER_RING) * SLOT;
    LabGpu.uniformStaging[ring].set(HEAPU8.subarray(params, params + paramBytes), offset);
    const entries = [{
      binding: 0,
      resource: { buffer: LabGpu.uniformRings[ring], offset, size: Math.max(16, Math.ceil(paramBytes / 16) * 16) },
    }];
    for (let i = 0; i < storageCount; i++) {
      entries.push({ binding: i + 1, resource: { buffer: LabGpu.buffers[HEAP32[(handles >> 2) + i]] } });
    }
    // Consecutive dispatches share one compute pass; WebGPU still orders them and makes each one's writes
    // visible to the next (every dispatch is its own usage scope).
    if (!LabGpu.pass) LabGpu.pass = LabGpu.encoder.beginComputePass();
    LabGpu.pass.setPipeline(pipeline);
    LabGpu.pass.setBindGroup(0, device.createBindGroup({ layout, entries }));
    LabGpu.pass.dispatchWorkgroups(groupsX, groupsY);
    LabGpu.dispatches++;
  },

  lab_gpu_clear__deps: ['$LabGpu'],
  lab_gpu_clear: function (handle) {
    LabGpu.endPass();
    LabGpu.encoder.clearBuffer(LabGpu.buffers[handle]);
  },

  lab_gpu_read__deps: ['$LabGpu'],
  lab_gpu_read: function (handle, destination, bytes) {
    LabGpu.reads.push({ buffer: LabGpu.buffers[handle], bytes, destination });
  },

  // Submits the step; calls the C++ function pointer `done`(context, ok) once its reads are in wasm memory.
  lab_gpu_end_step__deps: ['$LabGpu'],
  lab_gpu_end_step: function (done, context) {
    const device = LabGpu.device;
    LabGpu.endPass();
    const encoder = LabGpu.encoder;
    const reads = LabGpu.reads;
    LabGpu.encoder = null;
    let total = 0;
    for (const r of reads) { r.offset = total; total += Math.ceil(r.bytes / 4) * 4; }
    let staging = null;
    if (total > 0) {
      staging = device.createBuffer({ size: total, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      for (const r of reads) encoder.copyBufferToBuffer(r.buffer, 0, staging, r.offset, Math.ceil(r.bytes / 4) * 4);
    }
    const SLOT = 256, SLOTS_PER_RING = 1024;
    for (let used = LabGpu.uniformSlots, ring = 0; used > 0; used -= SLOTS_PER_RING, ring++) {
      const bytes = Math.min(used, SLOTS_PER_RING) * SLOT;
      device.queue.writeBuffer(LabGpu.uniformRings[ring], 0, LabGpu.uniformStaging[ring], 0, bytes);
    }
    device.queue.submit([encoder.finish()]);
    const scope = device.popErrorScope().then((error) => {
      if (error) LabGpu.report('validation: ' + error.message);
      return !error;
    });
    const finished = staging
      ? (LabGpu.mapAsyncCalls++, staging.mapAsync(GPUMapMode.READ).then(() => {
          const mapped = new Uint8Array(staging.getMappedRange());
          for (const r of reads) HEAPU8.set(mapped.subarray(r.offset, r.offset + r.bytes), r.destination);
          staging.unmap();
          staging.destroy();
        }))
      : device.queue.onSubmittedWorkDone();
    Promise.all([scope, finished]).then(([valid]) => valid && LabGpu.state === 1,
      (err) => { LabGpu.report('step failed: ' + err.message); return false; })
      .then((ok) => {
        {{{ makeDynCall('vii', 'done') }}}(context, ok ? 1 : 0);
      });
  },
});
