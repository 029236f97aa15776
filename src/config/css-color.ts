/**
 * A deliberately simple CSS color syntax check. It catches typos in config
 * files early (`#ff00g0`, `gren`) without shipping a full CSS parser; the
 * browser remains the final judge when the color is used.
 */

const HEX = '#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})';
// One argument list shape for rgb()/rgba()/hsl()/hsla(): 3 or 4 numeric parts
// separated by commas or spaces, optionally with a `/ alpha`.
const NUM = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?(?:%|deg|rad|grad|turn)?';
const FUNC = `(?:rgba?|hsla?|RGBA?|HSLA?)\\(\\s*${NUM}(?:\\s*,\\s*|\\s+)${NUM}(?:\\s*,\\s*|\\s+)${NUM}(?:\\s*(?:,|\\/)\\s*${NUM})?\\s*\\)`;
const WORD = '[a-zA-Z]+';

/**
 * Syntax only. Also exported to the JSON Schema as a `pattern` (so editors flag
 * bad colors), which is why it avoids RegExp flags: JSON Schema has none.
 */
export const CSS_COLOR_PATTERN = new RegExp(`^(?:${HEX}|${FUNC}|${WORD})$`);

/** The CSS Color 4 named colors plus the two keywords that make sense in a chart theme. */
const NAMED = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown ' +
    'burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan ' +
    'darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid ' +
    'darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet ' +
    'deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ' +
    'ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
    'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow ' +
    'lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine ' +
    'mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise ' +
    'mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab ' +
    'orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru ' +
    'pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown ' +
    'seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen steelblue tan ' +
    'teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen transparent currentcolor'
  ).split(' '),
);

export function isCssColor(value: string): boolean {
  if (value.length > 128 || !CSS_COLOR_PATTERN.test(value)) return false;
  const first = value.charCodeAt(0);
  // '#' or a function call: the pattern already decided.
  if (first === 35 || value.includes('(')) return true;
  return NAMED.has(value.toLowerCase());
}
