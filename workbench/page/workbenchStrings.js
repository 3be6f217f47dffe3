// The workbench's stand-in for SPFx's localized resources: SPFx loads lib/loc/{ui culture}.js once per
// page; the workbench loads the language the bar chose (?lang=, default en-us) once per page load.
// Both files are the web part's own, unchanged.
var english = require('../../src/components/loc/en-us.js');
var french = require('../../src/components/loc/fr-fr.js');

var requested = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('lang') : null;
module.exports = requested === 'fr-fr' ? french : english;
