// Adds the "GPU Charts" panel to DevTools; panel.html does the rest when the panel is opened.
chrome.devtools.panels.create('GPU Charts', '', 'panel.html');
