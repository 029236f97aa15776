// Accessibility logic without a DOM (tested in Node): key map and cursor moves of point
// navigation, the words announced, the rows of the data-table alternative.
export { navigationAction, moveCursor, moveCell, pageSize, windowContaining, type NavigationAction, type PointCursor, type CellCursor, type CursorBounds } from './navigation.js';
export { announcePoint, announceCell, CELL_NAVIGATION_HELP, navigationHelp, tableRows, formatPointX, formatPointValue, KEYBOARD_HELP, type PointAnnouncement, type CellAnnouncement, type AnnouncedValue } from './announce.js';
