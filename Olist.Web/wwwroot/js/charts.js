// Draws the dashboards' charts with ApexCharts (loaded by App.razor from wwwroot/lib). The Blazor Chart component
// creates a chart once, then sends new data or a new theme to update() so the chart is redrawn in place.

const palettes = {
    light: { colors: ['#1f5fa8', '#e8762d', '#2e9e8f', '#8e5ac8', '#c0504d', '#6b7c93', '#d4a72c'], text: '#5b6675', grid: '#e3e7ee', highlight: '#d64545' },
    dark: { colors: ['#6aa7f0', '#f3a25f', '#53c2b2', '#b38ef0', '#f07a7a', '#9aabbf', '#e8c55a'], text: '#9aabbf', grid: '#243447', highlight: '#ff7b72' },
};

const apexTypes = { Line: 'line', Area: 'area', Bar: 'bar', StackedBar: 'bar', Heatmap: 'heatmap', Scatter: 'scatter', Treemap: 'treemap', Donut: 'donut' };
const seriesTypes = { Line: 'line', Area: 'area', Bar: 'column', StackedBar: 'column', Scatter: 'scatter' };

function number(value, digits) {
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

// Axis labels are compact (R$ 1.2M); tooltips and data labels are exact to the displayed precision.
export function format(value, kind, compact) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return '–';
    }
    const abs = Math.abs(value);
    const short = compact && abs >= 1000
        ? (abs >= 1e6 ? number(value / 1e6, 1) + 'M' : number(value / 1e3, abs >= 1e4 ? 0 : 1) + 'k')
        : null;
    switch (kind) {
        case 'Money': return 'R$ ' + (short ?? number(value, compact && abs >= 100 ? 0 : 2));
        case 'Percent': return number(value, compact ? 0 : 1) + '%';
        case 'Days': return number(value, 1) + ' d';
        case 'Ratio': return short ?? number(value, compact ? 1 : 2);
        default: return short ?? number(Math.round(value), 0);
    }
}

function seriesData(series, theme) {
    return series.points.map(p => p.highlight ? { x: p.x, y: p.y, fillColor: theme.highlight, strokeColor: theme.highlight } : { x: p.x, y: p.y });
}

function yAxes(config) {
    const axes = config.options.axes;
    const single = axes.length <= 1;
    const axisOf = s => axes[Math.min(s.axis, axes.length - 1)] ?? { title: '', format: 'Count', opposite: false };
    if (single) {
        const axis = axisOf({ axis: 0 });
        return { title: { text: axis.title || undefined }, labels: { formatter: v => format(v, axis.format, true) }, forceNiceScale: true };
    }
    // ApexCharts pairs y axes with series by position: every series gets an entry, the first series of an axis shows it.
    const firstOnAxis = new Map();
    config.series.forEach(s => { if (!firstOnAxis.has(s.axis)) firstOnAxis.set(s.axis, s.name); });
    return config.series.map(s => {
        const axis = axisOf(s);
        return {
            seriesName: firstOnAxis.get(s.axis),
            show: firstOnAxis.get(s.axis) === s.name,
            opposite: axis.opposite,
            title: { text: axis.title || undefined },
            labels: { formatter: v => format(v, axis.format, true) },
            forceNiceScale: true,
        };
    });
}

function tooltipFormat(config, seriesIndex) {
    const axes = config.options.axes;
    const series = config.series[seriesIndex];
    return (axes[Math.min(series?.axis ?? 0, axes.length - 1)] ?? { format: 'Count' }).format;
}

function options(config, dotnet) {
    const theme = config.dark ? palettes.dark : palettes.light;
    const kind = config.kind;
    const type = apexTypes[kind];
    const pointCount = Math.max(0, ...config.series.map(s => s.points.length));
    const combined = config.series.some(s => s.kind && s.kind !== kind);
    const base = {
        chart: {
            type: combined ? 'line' : type,
            height: config.height,
            stacked: kind === 'StackedBar',
            background: 'transparent',
            foreColor: theme.text,
            sparkline: { enabled: config.options.sparkline },
            fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
            toolbar: { show: kind !== 'Donut' && kind !== 'Treemap' && !config.options.sparkline, tools: { download: true, selection: false, zoom: kind === 'Line' || kind === 'Area', zoomin: false, zoomout: false, pan: false, reset: kind === 'Line' || kind === 'Area' } },
            zoom: { enabled: (kind === 'Line' || kind === 'Area') && !config.options.sparkline },
            animations: { enabled: pointCount <= 400, speed: 300, dynamicAnimation: { enabled: true, speed: 300 } },
            events: config.options.selectable && dotnet
                // A click anywhere on the chart; on a bar, slice or marker it names the point, as text read from the SVG.
                ? { click: (_e, _ctx, at) => { if (at.dataPointIndex !== null && at.dataPointIndex !== undefined && Number(at.dataPointIndex) >= 0) dotnet.invokeMethodAsync('SelectPointAsync', Number(at.seriesIndex), Number(at.dataPointIndex)); } }
                : {},
        },
        theme: { mode: config.dark ? 'dark' : 'light' },
        colors: theme.colors,
        grid: { borderColor: theme.grid, strokeDashArray: 3 },
        legend: { position: 'top', horizontalAlign: 'left', showForSingleSeries: false },
        dataLabels: { enabled: false },
        tooltip: { theme: config.dark ? 'dark' : 'light', shared: kind === 'Line' || kind === 'Area' || combined, intersect: false },
        states: { hover: { filter: { type: kind === 'Scatter' ? 'none' : 'lighten' } }, active: { filter: { type: config.options.selectable ? 'darken' : 'none' } } },
        noData: { text: 'No data for this selection' },
    };

    if (kind === 'Donut') {
        const series = config.series[0] ?? { points: [] };
        return {
            ...base,
            series: series.points.map(p => p.y ?? 0),
            labels: series.points.map(p => String(p.x)),
            legend: { position: 'bottom' },
            dataLabels: { enabled: true, formatter: v => number(v, 0) + '%' },
            tooltip: { ...base.tooltip, y: { formatter: v => format(v, tooltipFormat(config, 0), false) } },
            plotOptions: { pie: { donut: { size: '62%', labels: { show: true, total: { show: true, label: series.name, formatter: w => format(w.globals.seriesTotals.reduce((a, b) => a + b, 0), tooltipFormat(config, 0), true) } } } } },
            stroke: { colors: [config.dark ? '#152131' : '#ffffff'] },
        };
    }

    // A series made only of highlighted points (outliers) takes the highlight colour in the legend too.
    const colors = config.series.map((s, i) => (s.points.length > 0 && s.points.every(p => p.highlight) ? theme.highlight : theme.colors[i % theme.colors.length]));
    const series = config.series.map(s => ({
        name: s.name,
        type: combined ? seriesTypes[s.kind ?? kind] : undefined,
        data: seriesData(s, theme),
    }));
    const tooltipY = { formatter: (v, at) => format(v, tooltipFormat(config, at?.seriesIndex ?? 0), false) };

    if (kind === 'Treemap') {
        return {
            ...base,
            series,
            legend: { show: false },
            dataLabels: { enabled: true, style: { fontSize: '13px' }, formatter: (text, op) => [text, format(op.value, tooltipFormat(config, 0), true)] },
            plotOptions: { treemap: { distributed: true, enableShades: false } },
            tooltip: { ...base.tooltip, y: tooltipY },
        };
    }

    if (kind === 'Heatmap') {
        const cells = config.series.reduce((n, s) => n + s.points.length, 0);
        return {
            ...base,
            series,
            colors: [theme.colors[0]],
            legend: { show: false },
            // Labels on a few hundred cells cost more to draw than the cells themselves.
            dataLabels: { enabled: cells <= 150, formatter: v => (v === null ? '' : format(v, tooltipFormat(config, 0), true)), style: { fontSize: '10px' } },
            plotOptions: { heatmap: { shadeIntensity: 0.85, radius: 2, enableShades: true, useFillColorAsStroke: false } },
            stroke: { width: 1, colors: [config.dark ? '#152131' : '#ffffff'] },
            xaxis: { type: 'category', title: { text: config.options.xTitle ?? undefined } },
            tooltip: { ...base.tooltip, shared: false, intersect: true, y: tooltipY },
        };
    }

    const isScatter = kind === 'Scatter';
    base.colors = colors;
    if (config.options.horizontal) {
        // ApexCharts swaps the axes of horizontal bars: values along x, categories down y.
        const axis = config.options.axes[0] ?? { format: 'Count' };
        return {
            ...base,
            series,
            plotOptions: { bar: { horizontal: true, borderRadius: 3, borderRadiusApplication: 'end', barHeight: '70%' } },
            xaxis: { type: 'category', title: { text: axis.title || undefined }, labels: { formatter: v => format(Number(v), axis.format, true) } },
            yaxis: { labels: { maxWidth: 220 } },
            tooltip: { ...base.tooltip, shared: false, intersect: true, y: tooltipY },
        };
    }

    return {
        ...base,
        series,
        stroke: { width: config.series.map(s => (['Line', 'Area'].includes(s.kind ?? kind) ? 2.5 : 0)), curve: 'smooth' },
        fill: kind === 'Area' ? { type: 'gradient', gradient: { opacityFrom: 0.35, opacityTo: 0.05 } } : { opacity: 1 },
        markers: { size: isScatter ? 5 : (pointCount <= 40 && !config.options.sparkline ? 3 : 0), strokeWidth: 0, hover: { sizeOffset: isScatter ? 0 : 2 } },
        plotOptions: { bar: { borderRadius: 3, borderRadiusApplication: 'end', columnWidth: pointCount > 60 ? '90%' : '60%' } },
        xaxis: {
            type: isScatter ? 'numeric' : 'category',
            title: { text: config.options.xTitle ?? undefined },
            tickAmount: isScatter ? 8 : (pointCount > 14 ? 12 : undefined),
            labels: {
                rotate: -35,
                hideOverlappingLabels: true,
                trim: true,
                formatter: isScatter ? v => format(v, config.options.xFormat, true) : undefined,
            },
            tooltip: { enabled: false },
        },
        yaxis: yAxes(config),
        tooltip: {
            ...base.tooltip,
            shared: !isScatter && base.tooltip.shared,
            intersect: isScatter || !base.tooltip.shared,
            x: isScatter ? { formatter: v => format(v, config.options.xFormat, false) } : {},
            y: tooltipY,
        },
    };
}

function markReady(host) {
    const frame = host.parentElement;
    frame.dataset.chartReady = 'true';
    frame.dataset.chartDraws = String(Number(frame.dataset.chartDraws ?? 0) + 1);
}

// Marks the frame once the chart's entry animation is over (or at once without one), so a click hits the final shapes.
function settleEvents(host, apexOptions) {
    const settle = () => { host.parentElement.dataset.chartSettled = 'true'; };
    apexOptions.chart.events = { ...apexOptions.chart.events, animationEnd: settle, updated: (_c, ctx) => { if (!ctx.config.chart.animations.enabled) settle(); } };
    return apexOptions;
}

export async function create(host, config, dotnet) {
    const chart = new window.ApexCharts(host, settleEvents(host, options(config, dotnet)));
    host.olistChart = chart;
    host.olistDotnet = dotnet;
    const started = performance.now();
    await chart.render();
    // How long the first draw took, for the page-time benchmark.
    host.parentElement.dataset.chartMs = String(Math.round(performance.now() - started));
    markReady(host);
    if (!chart.w.config.chart.animations.enabled) {
        host.parentElement.dataset.chartSettled = 'true';
    }
}

export async function update(host, config) {
    const chart = host.olistChart;
    if (!chart) {
        return;
    }
    // Replaces options and data on the existing chart: no flicker and no new DOM, so zoom and hover state survive.
    delete host.parentElement.dataset.chartSettled;
    await chart.updateOptions(settleEvents(host, options(config, host.olistDotnet)), true, true, true);
    markReady(host);
}

export function destroy(host) {
    host.olistChart?.destroy();
    host.olistChart = undefined;
    host.olistDotnet = undefined;
}
