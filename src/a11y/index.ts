// Accessibility logic without a DOM (tested in Node): key map and cursor moves of point
// navigation, the words announced, the rows of the data-table alternative.
export { navigationAction, moveCursor, pageSize, windowContaining, type NavigationAction, type PointCursor, type CursorBounds } from './navigation.js';
export { announcePoint, navigationHelp, tableRows, formatPointX, formatPointValue, KEYBOARD_HELP, type PointAnnouncement, type AnnouncedValue } from './announce.js';
