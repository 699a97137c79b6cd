// The 2D bundle's traces and the 3D scatter, for the pages with a 3D view (Clusters, Compare me).
var Plotly = require('./core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scatterpolar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/scatter3d'),
]);

module.exports = Plotly;
