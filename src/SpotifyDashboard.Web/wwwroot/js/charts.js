// The only code that touches plotly. Blazor's PlotlyChart component calls render() with a figure it
// built (and HTML-encoded) on the server, and dispose() when it leaves the page.
// Colours come from the page's CSS variables, so a theme switch redraws every chart in the new colours.

const charts = new Map();
let plotlyLoading = null;

function loadPlotly(src) {
    if (window.Plotly) {
        return Promise.resolve(window.Plotly);
    }

    if (!plotlyLoading) {
        plotlyLoading = new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = src;
            script.async = true;
            script.onload = () => resolve(window.Plotly);
            script.onerror = () => {
                plotlyLoading = null;
                reject(new Error('plotly.js could not be loaded from ' + src));
            };
            document.head.appendChild(script);
        });
    }

    return plotlyLoading;
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
    const element = event.currentTarget;
    const scene = element._fullLayout && element._fullLayout.scene;
    if (!scene || !window.Plotly || event.altKey || event.ctrlKey || event.metaKey) {
        return;
    }

    const eye = turnedEye(scene.camera.eye, event.key);
    if (eye) {
        event.preventDefault();
        window.Plotly.relayout(element, { 'scene.camera.eye': eye });
    }
}

async function draw(element, entry) {
    const Plotly = await loadPlotly(entry.src);
    const figure = entry.figure;
    await Plotly.react(element, figure.data, themed(figure.layout, themeColours()), figure.config);
    element.dataset.revision = figure.revision || '';
    element.dataset.renders = String((Number(element.dataset.renders) || 0) + 1);
}

export async function render(element, figureJson, plotlySrc) {
    const figure = JSON.parse(figureJson);
    let entry = charts.get(element);
    if (!entry) {
        entry = { figure, src: plotlySrc, observer: null };
        charts.set(element, entry);
        entry.observer = new ResizeObserver(() => {
            if (window.Plotly && element.isConnected && element.data) {
                window.Plotly.Plots.resize(element);
            }
        });
        entry.observer.observe(element);
        element.addEventListener('keydown', onChartKey);
    }

    entry.figure = figure;
    await draw(element, entry);
}

export function dispose(element) {
    const entry = charts.get(element);
    if (!entry) {
        return;
    }

    entry.observer?.disconnect();
    element.removeEventListener('keydown', onChartKey);
    charts.delete(element);
    if (window.Plotly) {
        window.Plotly.purge(element);
    }
}

document.body.addEventListener('themeChanged', () => {
    for (const [element, entry] of charts) {
        if (element.isConnected) {
            draw(element, entry).catch(() => { });
        }
    }
});
