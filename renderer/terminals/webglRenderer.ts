/**
 * Which GPU draws WebGL in this window, read once from a throwaway WebGL2 context (whose slot is
 * freed at once: Chromium keeps about 16). Undefined when there is no WebGL2 at all.
 */
export function webglRendererName(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2');
  if (!gl) return undefined;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
