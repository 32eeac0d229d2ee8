// mgsim-post: what a researcher takes from a finished run into a paper.
//   mgsim-post RUN_DIR [--time H] [--output DIR] [--no-pictures] ...
// writes into RUN_DIR/post (or DIR):
//   isosurfaces.csv    per output time and threshold: the tissue volume at
//                      or above it from the VTK clip of the written field,
//                      bands.csv's volume and their difference, and the
//                      iso-surface area;
//   isosurface_<c>_mM.vtp  the iso-surfaces at the chosen time (ParaView);
//   slice_<t>h.png     Mg2+ on a slice through the implant axis,
//   slice_transverse_<t>h.png  and across its middle (implant_views.h);
//                      a stent ([output] vessel_axis): slice_wall_<t>h.png,
//                      the wall's cross-section, and unrolled_<t>h.png;
//   slice_pH_<t>h.png ...  (with the chemistry) the pH on the same views;
//   time_series.png    metal, peaks, gas and band volumes over time.
// For a `mgsim compare` directory (comparison.csv, no solution.pvd) it
// writes post/comparison.png: the alloys side by side; for a `mgsim study`
// directory (study.json) the sensitivity, scatter or design-curve charts
// and, where the runs share a mesh, probability maps (study_pictures.h).
// With --report (or --report-file FILE) it also writes RUN_DIR/report.html
// (or FILE): one self-contained page of the run (report/run_report.h);
// `mgsim report` runs this.
// Exit code 2 with one line for bad input (missing run files, options), 74
// for a file that cannot be written.
#include "base/csv_file.h"
#include "base/input_error.h"
#include "base/output_file.h"
#include "comparison_plot.h"
#include "display.h"
#include "implant_views.h"
#include "isosurfaces.h"
#include "report/comparison_report.h"
#include "report/run_report.h"
#include "report/study_report.h"
#include "run_files.h"
#include "slice_picture.h"
#include "study_pictures.h"
#include "time_series_plot.h"

#include <boost/program_options.hpp>

#include <vtkPointData.h>
#include <vtkXMLPolyDataWriter.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;
using namespace mgsim_post;

namespace
{
  struct Options
  {
    std::string  run_directory, output, report_file;
    double       time_h      = -1;
    bool         no_pictures = false, help = false, report = false;
    unsigned int width = 1400, height = 1000;
    double       view_mm = 0;
  };

  std::string
  usage(const po::options_description &options)
  {
    std::ostringstream s;
    s << "Usage: mgsim-post RUN_DIR [options]\n"
      << "Iso-surface volumes (checked against bands.csv), a slice picture "
         "and time-series plots of an mgsim run.\n\n"
      << options;
    return s.str();
  }

  std::string
  number_label(const double value)
  {
    std::ostringstream s;
    s << std::setprecision(4) << value;
    return s.str();
  }

  /** bands.csv's volume at or above @p threshold [mM] at row @p row [mm^3]. */
  double
  bands_volume_at_or_above(const mgsim::CsvTable         &bands,
                           const std::vector<BandColumn> &columns,
                           const unsigned int             row,
                           const double                   threshold)
  {
    double volume = 0;
    for (const auto &band : columns)
      if (band.lower >= threshold * (1 - 1e-12))
        volume += bands.columns.at(band.column)[row];
    return volume;
  }

  /** Where pictures go: --output, else RUN_DIR/post. */
  std::string
  picture_directory(const Options &o)
  {
    return o.output.empty() ? o.run_directory + "/post" : o.output;
  }

  /** Where the report goes: --report-file, else DIR/report.html. */
  std::string
  report_file(const Options &o)
  {
    return o.report_file.empty() ? o.run_directory + "/report.html" :
                                   o.report_file;
  }

  /** A `mgsim compare` directory: the comparison picture. */
  int
  post_comparison(const Options &o, int argc, char **argv)
  {
    const std::string source = o.run_directory + "/comparison.csv";
    const auto        table  = mgsim::read_csv_table(source, true);
    if (o.no_pictures)
      throw mgsim::InputError(
        o.run_directory +
        " is a comparison; its numbers are in comparison.csv already");
    ensure_display(argc, argv);
    const std::string out = picture_directory(o);
    std::filesystem::create_directories(out);
    plot_comparison(table, source, o.width, o.height, out + "/comparison.png");
    std::cout << "wrote " << out << "/comparison.png\n";
    return 0;
  }

  /** @brief What post_run_fields() drew, for the report. */
  struct FieldPictures
  {
    /** The slice pictures and what each shows. */
    std::vector<std::pair<std::string, std::string>> slices;
    std::string                                      isosurface_table;
    double                                           time_h = 0;
  };

  FieldPictures
  post_run_fields(const Options &o, int argc, char **argv);

  int
  post(const Options &o, int argc, char **argv)
  {
    if (is_study_directory(o.run_directory))
      {
        if (o.no_pictures)
          throw mgsim::InputError(
            o.run_directory +
            " is a study; its numbers are in study.json already");
        if (o.report)
          check_study_report_inputs(o.run_directory);
        ensure_display(argc, argv);
        const std::string out = picture_directory(o);
        post_study(o.run_directory, out, o.width, o.height, std::cout);
        if (o.report)
          {
            write_study_report(o.run_directory, out, report_file(o));
            std::cout << "wrote " << report_file(o) << "\n";
          }
        return 0;
      }
    if (!std::filesystem::exists(o.run_directory + "/solution.pvd") &&
        std::filesystem::exists(o.run_directory + "/comparison.csv"))
      {
        if (o.report)
          check_comparison_report_inputs(o.run_directory);
        post_comparison(o, argc, argv);
        if (o.report)
          {
            write_comparison_report(o.run_directory,
                                    picture_directory(o),
                                    report_file(o));
            std::cout << "wrote " << report_file(o) << "\n";
          }
        return 0;
      }
    if (!o.report)
      {
        post_run_fields(o, argc, argv);
        return 0;
      }
    // The report: everything it reads is checked before anything is
    // written; a run without fields gets its charts and tables only.
    check_run_report_inputs(o.run_directory);
    FieldPictures fields;
    if (std::filesystem::exists(o.run_directory + "/solution.pvd"))
      fields = post_run_fields(o, argc, argv);
    else
      ensure_display(argc, argv);
    const std::string out = picture_directory(o);
    std::filesystem::create_directories(out);
    const std::string file = report_file(o);
    write_run_report(o.run_directory,
                     out,
                     fields.slices,
                     fields.isosurface_table,
                     fields.time_h,
                     file);
    std::cout << "wrote " << file << "\n";
    return 0;
  }

  /**
   * A run's iso-surface volumes (checked against bands.csv), iso-surfaces
   * and, unless --no-pictures, its slice and time-series pictures.
   */
  FieldPictures
  post_run_fields(const Options &o, int argc, char **argv)
  {
    // Everything is read and checked before anything is written.
    const auto        snapshots  = read_collection(o.run_directory);
    const std::string bands_file = o.run_directory + "/bands.csv";
    const auto        bands      = mgsim::read_csv_table(bands_file);
    const auto stats   = mgsim::read_csv_table(o.run_directory + "/stats.csv");
    const auto columns = band_columns(bands.names, bands_file);
    const auto edges   = band_edges(columns);
    const auto band_time = bands.columns.find("time_h");
    if (band_time == bands.columns.end())
      throw mgsim::InputError(bands_file + ": no column time_h");
    unsigned int chosen = snapshots.size() - 1;
    if (o.time_h >= 0)
      {
        for (unsigned int k = 0; k < snapshots.size(); ++k)
          if (std::abs(snapshots[k].time_h - o.time_h) <
              std::abs(snapshots[chosen].time_h - o.time_h))
            chosen = k;
      }
    const auto first = read_snapshot(snapshots.front());
    if (!o.no_pictures)
      ensure_display(argc, argv);

    const std::string out = picture_directory(o);
    std::filesystem::create_directories(out);

    mgsim::CsvWriter table(out + "/isosurfaces.csv",
                           {"time_h",
                            "threshold_mM",
                            "enclosed_volume_mm3",
                            "bands_csv_volume_mm3",
                            "relative_difference",
                            "iso_area_mm2"},
                           true);
    std::cout << "time [h]  threshold [mM]  enclosed [mm3]  bands.csv [mm3]  "
                 "difference\n";
    double worst = 0;
    for (unsigned int k = 0; k < snapshots.size(); ++k)
      {
        const auto grid   = read_snapshot(snapshots[k]);
        const auto tissue = tissue_cells(grid);
        const auto levels = iso_levels(tissue, edges);
        // The bands.csv row of this output time.
        const auto  &times = band_time->second;
        unsigned int row   = 0;
        for (unsigned int r = 0; r < times.size(); ++r)
          if (std::abs(times[r] - snapshots[k].time_h) <
              std::abs(times[row] - snapshots[k].time_h))
            row = r;
        if (std::abs(times[row] - snapshots[k].time_h) >
            1e-6 * std::max(1.0, snapshots[k].time_h))
          throw mgsim::InputError(bands_file + ": no row for t = " +
                                  number_label(snapshots[k].time_h) + " h");
        for (const auto &level : levels)
          {
            const double enclosed = level.enclosed_volume * 1e9;
            const double reference =
              bands_volume_at_or_above(bands, columns, row, level.threshold);
            const double difference = reference > 0 ?
                                        (enclosed - reference) / reference :
                                        (enclosed > 0 ? 1.0 : 0.0);
            table.write_row({snapshots[k].time_h,
                             level.threshold,
                             enclosed,
                             reference,
                             difference,
                             level.area * 1e6});
            if (reference > 0)
              worst = std::max(worst, std::abs(difference));
            if (k == chosen && enclosed > 0)
              std::cout << std::setw(8) << number_label(snapshots[k].time_h)
                        << std::setw(16) << level.threshold << std::setw(16)
                        << number_label(enclosed) << std::setw(17)
                        << number_label(reference) << std::setw(12)
                        << number_label(difference) << "\n";
          }
        if (k == chosen)
          for (const double threshold : edges)
            {
              const auto surface = iso_surface(tissue, threshold);
              if (surface->GetNumberOfCells() == 0)
                continue;
              auto writer = vtkSmartPointer<vtkXMLPolyDataWriter>::New();
              writer->SetFileName(
                (out + "/isosurface_" + number_label(threshold) + "_mM.vtp")
                  .c_str());
              writer->SetInputData(surface);
              writer->Write();
            }
      }
    FieldPictures result;
    result.isosurface_table = out + "/isosurfaces.csv";
    result.time_h           = snapshots[chosen].time_h;
    std::cout << "largest |difference| to bands.csv over all times: "
              << number_label(worst) << " (isosurfaces.csv)\n";

    if (!o.no_pictures)
      {
        SliceOptions slice;
        slice.width      = o.width;
        slice.height     = o.height;
        slice.half_width = o.view_mm / 2 * 1e-3;
        slice.time_h     = snapshots[chosen].time_h;
        // The levels above the normal range (the lowest two edges bound it).
        for (unsigned int k = edges.size() > 2 ? 2 : 0; k < edges.size(); ++k)
          slice.contours.push_back(edges[k]);
        const auto grid    = read_snapshot(snapshots[chosen]);
        const auto layout  = read_run_layout(o.run_directory);
        slice.region_names = layout.region_names;
        // With the chemistry also the pH, contours at the pH band edges
        // from the physiological range up.
        std::vector<std::pair<std::string, SliceOptions>> fields = {
          {"", slice}};
        if (grid->GetPointData()->GetArray("pH"))
          {
            SliceOptions ph = slice;
            ph.field = "pH", ph.quantity = "pH", ph.unit = "";
            ph.log_scale = false;
            ph.contours.clear();
            for (const auto &band : ph_band_columns(bands.names))
              if (band.lower >= 7.6 &&
                  std::find(ph.contours.begin(),
                            ph.contours.end(),
                            band.lower) == ph.contours.end())
                ph.contours.push_back(band.lower);
            fields.push_back({"pH_", ph});
          }
        const std::map<std::string, std::string> prefixes = {
          {"axial", "slice_"},
          {"transverse", "slice_transverse_"},
          {"wall", "slice_wall_"},
          {"unrolled", "unrolled_"}};
        for (const auto &view : implant_views(first, grid, layout.vessel_axis))
          for (const auto &[infix, options] : fields)
            {
              const std::string picture =
                out + "/" + prefixes.at(view.name) + infix +
                number_label(snapshots[chosen].time_h) + "h.png";
              render_slice(view.grid, view.plane, options, picture);
              result.slices.push_back(
                {picture,
                 options.quantity + " at " +
                   number_label(snapshots[chosen].time_h) + " h, " +
                   view.plane.title});
              std::cout << "wrote " << picture << "\n";
            }
        plot_time_series(stats,
                         bands,
                         bands_file,
                         o.width,
                         o.height,
                         out + "/time_series.png");
        std::cout << "wrote " << out << "/time_series.png\n";
      }
    return result;
  }
} // namespace

int
main(int argc, char **argv)
{
  Options                 o;
  po::options_description options("Options");
  options.add_options()("help,h", po::bool_switch(&o.help), "show this help")(
    "output",
    po::value<std::string>(&o.output),
    "output directory (default RUN_DIR/post)")(
    "time",
    po::value<double>(&o.time_h),
    "output time [h] for the slice and the .vtp iso-surfaces (default: the "
    "last; the nearest written time is used)")(
    "no-pictures",
    po::bool_switch(&o.no_pictures),
    "only the numbers (no display needed)")("width",
                                            po::value<unsigned int>(&o.width),
                                            "picture width [pixels]")(
    "height", po::value<unsigned int>(&o.height), "picture height [pixels]")(
    "view-mm",
    po::value<double>(&o.view_mm),
    "width of the slice view [mm] (default: two implant lengths)")(
    "report",
    po::bool_switch(&o.report),
    "also write RUN_DIR/report.html: the whole run on one self-contained "
    "page")("report-file",
            po::value<std::string>(&o.report_file),
            "write the report to this file instead (implies --report)");
  po::options_description all;
  all.add(options).add_options()("run",
                                 po::value<std::string>(&o.run_directory));
  po::positional_options_description positional;
  positional.add("run", 1);
  try
    {
      po::variables_map vm;
      try
        {
          po::store(po::command_line_parser(argc, argv)
                      .options(all)
                      .positional(positional)
                      .run(),
                    vm);
          po::notify(vm);
        }
      catch (const po::error &e)
        {
          throw mgsim::InputError(std::string(e.what()) +
                                  " (see mgsim-post --help)");
        }
      if (o.help)
        {
          std::cout << usage(options);
          return 0;
        }
      if (o.run_directory.empty())
        throw mgsim::InputError("missing RUN_DIR (an mgsim output directory)");
      if (!o.report_file.empty())
        o.report = true;
      if (o.report && o.no_pictures)
        throw mgsim::InputError(
          "--report and --no-pictures: the report needs the pictures");
      if (o.width < 200 || o.height < 200 || o.width > 8000 || o.height > 8000)
        throw mgsim::InputError(
          "--width and --height: expected 200 to 8000 pixels");
      return post(o, argc, argv);
    }
  catch (const mgsim::InputError &e)
    {
      std::cerr << "mgsim-post: error: " << e.what() << std::endl;
      return mgsim::kInputErrorExitCode;
    }
  catch (const mgsim::OutputError &e)
    {
      std::cerr << "mgsim-post: error: " << e.what() << std::endl;
      return mgsim::kOutputErrorExitCode;
    }
  catch (const std::exception &e)
    {
      std::cerr << "mgsim-post: internal error: " << e.what() << std::endl;
      return 1;
    }
}
