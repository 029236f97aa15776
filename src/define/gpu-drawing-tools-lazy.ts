// Defines <gpu-drawing-tools> lazily: its chunk is fetched when one appears in the document.
// (Importing './gpu-drawing-tools.js' instead defines it at once.)
import { autoloadDrawingTools } from '../elements/gpu-drawing-tools/autoload.js';

autoloadDrawingTools();
