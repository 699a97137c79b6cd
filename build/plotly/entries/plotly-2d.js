// The traces the 2D pages draw (see Figures.cs): the core brings scatter; bar, polar scatter and heatmap are added.
var Plotly = require('./core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scatterpolar'),
    require('plotly.js/lib/heatmap'),
]);

module.exports = Plotly;
