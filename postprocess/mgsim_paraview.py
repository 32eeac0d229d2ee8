"""Open an mgsim run in ParaView with the threshold maps set up.

    pvbatch postprocess/mgsim_paraview.py RUN_DIR [--png FILE] [--time HOURS]
    (in the ParaView GUI: View > Python Shell > Run Script, after setting
     RUN_DIR below or passing it through sys.argv)

Left: a slice through the implant axis coloured by the Mg2+ band (one colour
per band of bands.csv: below normal, normal, raised, osteogenic, above
osteogenic, anti-tumour, normal-cell stress), with Mg2+ contour lines at the
band edges from 5 mM up and the metal left in grey. Right: the highest Mg2+
and H2 levels over time (stats.csv). With the chemistry, pH contour lines at
the pH band edges from 7.6 up (dark blue) and, below the peaks, the pH
extremes over time. Under pvbatch the layout is saved as a
PNG (default RUN_DIR/post/paraview.png); without a display run it as
`xvfb-run -a pvbatch ...`.
"""
import argparse
import csv
import os
import re
import sys
from xml.etree import ElementTree

from paraview.simple import (
    AssignViewToLayout, Clip, ColorBy, Contour, CreateLayout, CreateView,
    CSVReader, GetAnimationScene, GetColorTransferFunction, GetDisplayProperties,
    GetScalarBar, PlotData, PVDReader, Render, SaveScreenshot, Show, Slice,
    UpdatePipeline, XMLPartitionedUnstructuredGridReader)

BAND_COLOURS = [  # colour-blind safe (Okabe-Ito), low to high
    (0.60, 0.60, 0.60), (0.34, 0.71, 0.91), (0.00, 0.45, 0.70),
    (0.00, 0.62, 0.45), (0.94, 0.89, 0.26), (0.90, 0.62, 0.00),
    (0.84, 0.37, 0.00), (0.80, 0.47, 0.65)]


def band_labels(bands_csv):
    """Band labels from bands.csv's header, low to high."""
    with open(bands_csv) as f:
        header = next(csv.reader(f))
    pattern = re.compile(
        r"(.+)_(below_([^_]+)|([^_]+)_to_([^_]+)|from_([^_]+))_mM_mm3$")
    labels, edges = [], set()
    for name in header:
        m = pattern.match(name)
        if not m:
            continue
        if m.group(3):
            label = "below %s mM" % m.group(3)
            edges.add(float(m.group(3)))
        elif m.group(4):
            label = "%s-%s mM" % (m.group(4), m.group(5))
            edges.update((float(m.group(4)), float(m.group(5))))
        else:
            label = ">= %s mM" % m.group(6)
            edges.add(float(m.group(6)))
        if label not in labels:
            labels.append(label)
    return labels, sorted(edges)


def ph_band_edges(bands_csv):
    """The pH band edges from bands.csv's header (runs with the chemistry)."""
    with open(bands_csv) as f:
        header = next(csv.reader(f))
    pattern = re.compile(
        r".+_pH_(below_([^_]+)|([^_]+)_to_([^_]+)|from_([^_]+))_mm3$")
    edges = set()
    for name in header:
        m = pattern.match(name)
        if m:
            edges.update(float(g) for g in m.groups()[1:] if g)
    return sorted(edges)


def contour_lines(source, array, levels, view, colour, width):
    """Lines of one colour where the point field `array` of `source` crosses
    `levels`, shown in `view`."""
    contours = Contour(Input=source, ContourBy=["POINTS", array])
    contours.Isosurfaces = levels
    lines = Show(contours, view)
    # Not ColorBy(lines, None): it aborts on an empty contour set.
    lines.ColorArrayName = ["POINTS", ""]
    lines.DiffuseColor = lines.AmbientColor = colour
    lines.LineWidth = width


def time_chart(series, layout, hint, arrays, y_title, title):
    """A chart of the stats.csv columns `arrays` over time in layout cell
    `hint`."""
    chart = CreateView("XYChartView")
    AssignViewToLayout(view=chart, layout=layout, hint=hint)
    plot = Show(series, chart)
    plot.UseIndexForXAxis = 0
    plot.XArrayName = "time_h"
    plot.SeriesVisibility = arrays
    chart.LeftAxisTitle = y_title
    chart.BottomAxisTitle = "time [h]"
    chart.ChartTitle = title


def cells_with_metal(source, metal):
    """The cells with (without) metal. A clip at a level between the values
    of a per-cell field keeps whole cells; ParaView 5.11 crashed with two
    Threshold filters in one session."""
    clip = Clip(Input=source, ClipType="Scalar",
                Scalars=["POINTS", "metal fraction"], Value=1e-12)
    clip.Invert = 0 if metal else 1
    return clip


def implant_plane(pvd):
    """Centre and longest direction of the cells that hold metal at the
    first output time. Read with a reader of its own: updating the run's
    reader at two times made ParaView 5.11's Threshold crash."""
    first = ElementTree.parse(pvd).getroot().find("Collection")[0].get("file")
    reader = XMLPartitionedUnstructuredGridReader(
        FileName=[os.path.join(os.path.dirname(pvd), first)])
    metal = cells_with_metal(reader, True)
    UpdatePipeline(proxy=metal)
    bounds = metal.GetDataInformation().GetBounds()
    extents = [bounds[2 * d + 1] - bounds[2 * d] for d in range(3)]
    axis = extents.index(max(extents))
    centre = [0.5 * (bounds[2 * d] + bounds[2 * d + 1]) for d in range(3)]
    return centre, axis, extents[axis]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="mgsim output directory")
    parser.add_argument("--png", help="picture to save")
    parser.add_argument("--time", type=float, help="output time [h] (default: last)")
    args = parser.parse_args(argv)
    pvd = os.path.join(args.run, "solution.pvd")
    for needed in (pvd, os.path.join(args.run, "bands.csv"),
                   os.path.join(args.run, "stats.csv")):
        if not os.path.exists(needed):
            sys.exit("mgsim_paraview: error: %s: not found (an mgsim run "
                     "directory with [output] vtu = true?)" % needed)
    labels, edges = band_labels(os.path.join(args.run, "bands.csv"))

    reader = PVDReader(FileName=pvd)
    times = list(reader.TimestepValues) or [0.0]
    time = times[-1] if args.time is None else min(
        times, key=lambda t: abs(t - args.time))
    scene = GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    scene.AnimationTime = time

    centre, axis, length = implant_plane(pvd)
    normal = [0.0, 0.0, 0.0]
    normal[(axis + 1) % 3] = 1.0
    up = [0.0, 0.0, 0.0]
    up[3 - axis - (axis + 1) % 3] = 1.0

    layout = CreateLayout("mgsim run")
    view = CreateView("RenderView")
    AssignViewToLayout(view=view, layout=layout, hint=0)
    view.OrientationAxesVisibility = 0
    view.Background = [1, 1, 1]
    try:  # ParaView >= 5.10 keeps the background in a palette unless told
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass

    tissue = cells_with_metal(reader, False)
    tissue_slice = Slice(Input=tissue)
    tissue_slice.SliceType.Origin = centre
    tissue_slice.SliceType.Normal = normal
    shown = Show(tissue_slice, view)
    ColorBy(shown, ("POINTS", "Mg2+ band"))
    lut = GetColorTransferFunction("Mg2+ band")
    lut.InterpretValuesAsCategories = 1
    annotations, colours = [], []
    for index, label in enumerate(labels):
        annotations += [str(index), label]
        colours += list(BAND_COLOURS[index % len(BAND_COLOURS)])
    lut.Annotations = annotations
    lut.IndexedColors = colours
    shown.SetScalarBarVisibility(view, True)
    bar = GetScalarBar(lut, view)
    bar.Title = "Mg2+ band"
    bar.TitleColor = bar.LabelColor = [0, 0, 0]
    bar.TitleFontSize = bar.LabelFontSize = 14
    bar.WindowLocation = "Upper Right Corner"

    metal = cells_with_metal(reader, True)
    metal_slice = Slice(Input=metal)
    metal_slice.SliceType.Origin = centre
    metal_slice.SliceType.Normal = normal
    metal_shown = Show(metal_slice, view)
    metal_shown.ColorArrayName = ['POINTS', '']
    metal_shown.DiffuseColor = metal_shown.AmbientColor = [0.55, 0.55, 0.58]

    contour_lines(tissue_slice, "Mg2+ [mM]",
                  [e for e in edges if e >= 5] or edges, view, [0, 0, 0], 2.5)

    view.CameraParallelProjection = 1
    view.ViewTime = time

    stats = CSVReader(FileName=[os.path.join(args.run, "stats.csv")])
    series = PlotData(Input=stats)
    time_chart(series, layout, 2, ["max_c_mM", "max_h2_mM"],
               "highest level [mM]", "Mg2+ and H2 peaks")

    # With the chemistry: the pH extremes below the peaks, and pH contour
    # lines (dark blue) at the pH band edges from 7.6 up.
    with open(os.path.join(args.run, "stats.csv")) as f:
        with_ph = "max_pH" in next(csv.reader(f))
    if with_ph:
        layout.SplitVertical(2, 0.5)
        time_chart(series, layout, 6, ["max_pH", "min_pH"], "pH",
                   "pH extremes")
        ph_edges = [e for e in ph_band_edges(
            os.path.join(args.run, "bands.csv")) if e >= 7.6]
        if ph_edges:
            contour_lines(tissue_slice, "pH", ph_edges, view,
                          [0.0, 0.2, 0.5], 2.0)

    # The first render resets the camera: frame the implant after it.
    Render(view)
    view.CameraFocalPoint = centre
    view.CameraPosition = [c + n for c, n in zip(centre, normal)]
    view.CameraViewUp = up
    view.CameraParallelScale = 0.6 * length
    png = args.png or os.path.join(args.run, "post", "paraview.png")
    os.makedirs(os.path.dirname(os.path.abspath(png)), exist_ok=True)
    SaveScreenshot(png, layout, ImageResolution=[1600, 700])
    print("mgsim_paraview: wrote %s (t = %g h)" % (png, time))


if __name__ == "__main__":
    main(sys.argv[1:])
