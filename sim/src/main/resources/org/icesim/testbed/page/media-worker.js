// Counts received audio frames (one Opus frame per RTP packet) and tells the page when each
// arrived: the frame's receiveTime (when its packet reached the receiver, on performance.now()'s
// timeline) where the browser gives it, else the instant the frame passes here, which lags
// behind on a loaded machine. Frames pass on unchanged.
onrtctransform = (event) => {
  const transformer = event.transformer;
  transformer.readable.pipeThrough(new TransformStream({
    transform(frame, controller) {
      const metadata = frame.getMetadata();
      const exact = typeof metadata.receiveTime === 'number';
      const at = exact ? metadata.receiveTime : performance.now();
      postMessage({at: Math.round((performance.timeOrigin + at) * 1000), exact});
      controller.enqueue(frame);
    }
  })).pipeTo(transformer.writable);
};
