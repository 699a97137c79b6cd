// The only code that touches plotly. A chart is an <sd-chart> element that PlotlyChart renders; plotly draws into a
// div this module puts inside it. The element draws by itself from the figure in its `figure` attribute, which the
// prerendered page carries: the chart appears as soon as its plotly bundle arrives, before the Blazor circuit is up.
// When the interactive page takes over, Blazor puts a new <sd-chart> in place of the prerendered one: the new
// element adopts the plot already drawn (same chart id, same revision) instead of drawing it again. From then on
// PlotlyChart calls render() with each new figure and dispose() when it leaves the page.
// Colours come from the page's CSS variables, so a theme switch redraws every chart in the new colours.
// The page loads this module (App.razor) and Blazor imports it: the same URL, so one instance.

// Every chart element → { element, plot, plotly, figure, src, revision }.
const charts = new Map();
// A drawn plot whose element has just left the page, by chart id, until an element with that id adopts it.
const handover = new Map();
const handoverMs = 5000;

// One promise per bundle (2D, or 2D with the 3D scatter): each sets window.Plotly as it runs, so the instance is taken
// as it loads, and a chart keeps drawing (and is purged) with the instance it was drawn with.
const bundles = new Map();

function loadPlotly(src) {
    let loading = bundles.get(src);
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = src;
            script.async = true;
            script.onload = () => resolve(window.Plotly);
            script.onerror = () => {
                bundles.delete(src);
                reject(new Error('plotly.js could not be loaded from ' + src));
            };
            document.head.appendChild(script);
        });
        bundles.set(src, loading);
    }

    return loading;
}

function themeColours() {
    const style = getComputedStyle(document.body);
    const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    return {
        text: read('--sd-text', '#FAFAFA'),
        muted: read('--sd-muted', '#B8BCC8'),
        grid: read('--sd-grid', '#3A3B47'),
        panel: read('--sd-panel', '#262730'),
    };
}

function styleAxis(axis, c) {
    return Object.assign({ gridcolor: c.grid, zerolinecolor: c.grid, linecolor: c.grid, tickcolor: c.grid, color: c.text }, axis);
}

// The figure's own settings win; the theme fills in what it leaves open.
function themed(layout, c) {
    const out = Object.assign({}, layout);
    out.paper_bgcolor = 'rgba(0,0,0,0)';
    out.plot_bgcolor = 'rgba(0,0,0,0)';
    out.font = Object.assign({ color: c.text }, layout.font || {});
    out.hoverlabel = Object.assign({ bgcolor: c.panel, bordercolor: c.grid, font: { color: c.text } }, layout.hoverlabel || {});
    out.legend = Object.assign({ font: { color: c.text } }, layout.legend || {});
    for (const key of Object.keys(out)) {
        if (/^[xy]axis\d*$/.test(key)) {
            out[key] = styleAxis(out[key], c);
        }
    }

    if (layout.scene) {
        out.scene = Object.assign({}, layout.scene, { bgcolor: 'rgba(0,0,0,0)' });
        for (const axis of ['xaxis', 'yaxis', 'zaxis']) {
            out.scene[axis] = Object.assign({ backgroundcolor: 'rgba(0,0,0,0)', showbackground: false }, styleAxis(layout.scene[axis] || {}, c));
        }
    }

    if (layout.polar) {
        out.polar = Object.assign({ bgcolor: 'rgba(0,0,0,0)' }, layout.polar, {
            radialaxis: styleAxis(layout.polar.radialaxis || {}, c),
            angularaxis: styleAxis(layout.polar.angularaxis || {}, c),
        });
    }

    return out;
}

// The keyboard's way to turn a 3D chart while it has focus: left/right go round the vertical axis, up/down tilt
// The keyboard's way to turn a 3D chart while it has focus: left/right go round the vertical axis, up/down tilt
// (short of straight above or below), + and − move the camera closer or further. Mouse users drag and scroll instead.
const rotateStep = Math.PI / 12;
const zoomStep = 1.15;

function turnedEye(eye, key) {
    let r = Math.hypot(eye.x, eye.y, eye.z) || 1;
    let azimuth = Math.atan2(eye.y, eye.x);
    let elevation = Math.asin(Math.max(-1, Math.min(1, eye.z / r)));
    switch (key) {
        case 'ArrowLeft': azimuth -= rotateStep; break;
        case 'ArrowRight': azimuth += rotateStep; break;
        case 'ArrowUp': elevation = Math.min(elevation + rotateStep, 1.4); break;
        case 'ArrowDown': elevation = Math.max(elevation - rotateStep, -1.4); break;
        case '+': case '=': r /= zoomStep; break;
        case '-': case '_': r *= zoomStep; break;
        default: return null;
    }

    return {
        x: r * Math.cos(elevation) * Math.cos(azimuth),
        y: r * Math.cos(elevation) * Math.sin(azimuth),
        z: r * Math.sin(elevation),
    };
}

function onChartKey(event) {
    const chart = charts.get(event.currentTarget);
    const scene = chart && chart.plot._fullLayout && chart.plot._fullLayout.scene;
    if (!scene || !chart.plotly || event.altKey || event.ctrlKey || event.metaKey) {
        return;
    }

    const eye = turnedEye(scene.camera.eye, event.key);
    if (eye) {
        event.preventDefault();
        chart.plotly.relayout(chart.plot, { 'scene.camera.eye': eye });
    }
}

async function draw(element, chart) {
    const Plotly = await loadPlotly(chart.src);
    if (chart.plotly && chart.plotly !== Plotly) {
        // The chart moves to the other bundle (a 2D view switched to 3D): the old instance lets go of it first.
        chart.plotly.purge(chart.plot);
    }

    chart.plotly = Plotly;
    const figure = chart.figure;
    await Plotly.react(chart.plot, figure.data, themed(figure.layout, themeColours()), figure.config);
    chart.revision = figure.revision || '';
    element.dataset.revision = chart.revision;
    element.dataset.renders = String((Number(element.dataset.renders) || 0) + 1);
}

function chartOf(element) {
    let chart = charts.get(element);
    if (!chart) {
        const plot = document.createElement('div');
        plot.className = 'chart-plot';
        element.appendChild(plot);
        chart = { element, plot, plotly: null, figure: null, src: null, revision: null };
        charts.set(element, chart);
    }

    return chart;
}

// The prerendered page's plot, taken over by the interactive page's element when it shows the same revision.
function adopt(element) {
    const chart = handover.get(element.id);
    if (!chart || chart.revision !== element.getAttribute('revision')) {
        return false;
    }

    handover.delete(element.id);
    charts.delete(chart.element);
    element.dataset.renders = chart.element.dataset.renders || '0';
    chart.element = element;
    element.replaceChildren(chart.plot);
    charts.set(element, chart);
    element.dataset.revision = chart.revision;
    return true;
}

const resizes = new ResizeObserver(entries => {
    for (const { target } of entries) {
        const chart = charts.get(target);
        if (chart && chart.plotly && chart.plot.data) {
            chart.plotly.Plots.resize(chart.plot);
        }
    }
});

class ChartElement extends HTMLElement {
    connectedCallback() {
        this.addEventListener('keydown', onChartKey);
        resizes.observe(this);
        // After the DOM change that inserted it: Blazor removes the prerendered element and inserts its own in one
        // batch, and the plot to adopt is handed over only when the old one leaves.
        queueMicrotask(() => this.start());
    }

    start() {
        if (!this.isConnected || charts.get(this)?.plotly || adopt(this)) {
            return;
        }

        const figure = this.getAttribute('figure');
        const src = this.getAttribute('bundle');
        if (figure && src) {
            const chart = chartOf(this);
            chart.figure = JSON.parse(figure);
            chart.src = src;
            // A chart that cannot be drawn here is drawn again by render(), which reports the failure in the page.
            draw(this, chart).catch(() => { });
        }
    }

    disconnectedCallback() {
        this.removeEventListener('keydown', onChartKey);
        resizes.unobserve(this);
        const chart = charts.get(this);
        if (!chart) {
            return;
        }

        handover.set(this.id, chart);
        setTimeout(() => {
            if (handover.get(this.id) === chart) {
                handover.delete(this.id);
                charts.delete(chart.element);
                chart.plotly?.purge(chart.plot);
            }
        }, handoverMs);
    }
}

if (!customElements.get('sd-chart')) {
    customElements.define('sd-chart', ChartElement);
}

export async function render(element, figureJson, plotlySrc) {
    const figure = JSON.parse(figureJson);
    const chart = chartOf(element);
    chart.figure = figure;
    chart.src = plotlySrc;
    // The interactive page has this chart now (the browser tests wait for it).
    element.dataset.interactive = 'true';
    if (chart.plotly && chart.revision === (figure.revision || '') && chart.plot.data) {
        // Already drawn from the prerendered page, or adopted from it.
        return;
    }

    await draw(element, chart);
}

export function dispose(element) {
    const chart = charts.get(element);
    if (chart && !element.isConnected) {
        // Left the page with its component: nothing will adopt it.
        if (handover.get(element.id) === chart) {
            handover.delete(element.id);
        }

        charts.delete(element);
        chart.plotly?.purge(chart.plot);
    }
}

document.body.addEventListener('themeChanged', () => {
    for (const [element, chart] of charts) {
        if (element.isConnected && chart.figure) {
            draw(element, chart).catch(() => { });
        }
    }
});
