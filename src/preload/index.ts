// The preload will expose the LabApi to the renderer as `window.lab` through
// contextBridge (DESIGN.md "Architecture"); nothing is exposed yet.
export {};
