// plotly.js's own core (plotly.js/src/core.js) less the components no figure of ours uses and nothing else requires:
// images, update menus, sliders, range sliders and selectors, 3D annotations. Their layout keys are then ignored.
// The rest stay registered: plotly reads their defaults unguarded (the mode bar's even when it is off, the legend the
// shapes', the axes the annotations'), and they are bundled anyway because other modules require them.
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
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/errorbars'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'),
    require('plotly.js/src/components/fx'),
    require('plotly.js/src/components/modebar'),
    require('plotly.js/src/locale-en'),
    require('plotly.js/src/locale-en-us'),
]);

// What charts.js calls besides the plot API.
exports.Plots = { resize: Plots.resize };
