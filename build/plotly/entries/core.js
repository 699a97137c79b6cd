// plotly.js's own core (plotly.js/src/core.js) less the components no figure of ours uses: annotations, selections,
// images, update menus, sliders, range sliders and selectors, the mode bar (off: see ChartFigure). Their layout keys
// are then ignored. Shapes stay: the legend reads them. Modules the kept ones require directly are bundled all the same.
var Registry = require('plotly.js/src/registry');
var plotApi = require('plotly.js/src/plot_api');
var Plots = require('plotly.js/src/plots/plots');

require('plotly.js/build/plotcss');

exports.version = require('plotly.js/src/version').version;
exports.register = Registry.register;

Object.keys(plotApi).forEach(function(name) {
    if(name.charAt(0) !== '_') exports[name] = plotApi[name];
    Registry.register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});

Registry.register(require('plotly.js/src/traces/scatter'));
Registry.register([
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/errorbars'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'),
    require('plotly.js/src/components/fx'),
    require('plotly.js/src/locale-en'),
    require('plotly.js/src/locale-en-us'),
]);

// What charts.js calls besides the plot API.
exports.Plots = { resize: Plots.resize };
