// Turns the topology SVG into a PNG in the browser: the image drawn into a canvas at twice its size
// (less for very large plants, so the canvas stays within what browsers allow).

/** Browsers refuse canvases beyond about 16k px a side or 268 M px; stay well inside. */
const MAX_SIDE = 16_000;
const MAX_AREA = 64_000_000;

/** The scale of the PNG: 2×, reduced so the canvas fits the limits. */
export function pngScale(width: number, height: number): number {
  return Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

/** Renders the SVG at `url` (a data: URL) as a PNG blob with a white background. */
export async function svgToPng(url: string, width: number, height: number): Promise<Blob> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const scale = pngScale(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'));
}
