#include "case_parameters.h"

#include "ini_file.h"
#include "input_error.h"
#include "units.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

namespace mgsim
{
  namespace
  {
    constexpr double infinity = std::numeric_limits<double>::infinity();

    /** Shortest decimal text that reads back as exactly @p x. */
    std::string
    format_number(double x)
    {
      for (int digits = 6; digits < 18; ++digits)
        {
          std::ostringstream s;
          s << std::setprecision(digits) << x;
          if (std::stod(s.str()) == x)
            return s.str();
        }
      return std::to_string(x);
    }

    std::vector<std::string>
    with_property_keys(std::vector<std::string>         keys,
                       const std::vector<PropertySpec> &specs)
    {
      for (const auto &spec : specs)
        keys.push_back(spec.key);
      return keys;
    }

    /** Which sections and keys a case file may contain. */
    bool
    case_schema(const std::string &section, std::vector<std::string> &keys)
    {
      static const std::map<std::string, std::vector<std::string>> fixed = {
        {"mesh", {"file", "refinements", "unit", "cylinder_axis"}},
        {"implant",
         with_property_keys({"region",
                             "alloy",
                             "environment",
                             "environment_factor",
                             "pit_size_um",
                             "pitting_seed"},
                            alloy_property_specs())},
        {"time",
         {"end_days",
          "step_hours",
          "scheme",
          "adaptive",
          "adaptive_tolerance_mM",
          "min_step_hours",
          "max_step_hours"}},
        {"output", {"directory", "every_hours", "vtu"}},
        {"checkpoint", {"every_hours", "every_minutes"}},
        {"solver", {"fe_degree", "linear_tolerance", "amg_strong_threshold"}},
        {"databases", {"alloys", "tissues"}},
        {"thresholds",
         {"band_edges_mM",
          "anti_tumour_mM",
          "normal_stress_mM",
          "osteogenic_window_mM",
          "tumour_min_hours"}},
        {"adaptivity",
         {"enabled",
          "every_hours",
          "max_levels",
          "max_cells",
          "refine_fraction",
          "coarsen_fraction"}},
        {"gas",
         {"model",
          "nucleation_per_s",
          "redissolution_per_s",
          "temperature_K",
          "pressure_Pa"}},
      };
      if (const auto it = fixed.find(section); it != fixed.end())
        {
          keys = it->second;
          return true;
        }
      if (section.rfind("region.", 0) == 0 && section.size() > 7)
        {
          keys =
            with_property_keys({"tissue", "role"}, tissue_property_specs());
          return true;
        }
      if (section.rfind("boundary.", 0) == 0 && section.size() > 9)
        {
          keys = {"type", "mass_transfer_m_per_s", "h2_mass_transfer_m_per_s"};
          return true;
        }
      return false;
    }

    /** Reads one section, recording every value it resolves. */
    class SectionReader
    {
    public:
      SectionReader(const IniFile                  &file,
                    std::string                     section,
                    std::vector<ResolvedParameter> &resolved)
        : file(file)
        , section(std::move(section))
        , resolved(resolved)
      {
      }

      double
      number(const std::string    &key,
             const std::string    &unit,
             double                lower,
             double                upper,
             const std::string    &expectation,
             std::optional<double> default_value = std::nullopt)
      {
        const auto value = file.number(section, key, lower, upper, expectation);
        if (!value && !default_value)
          file.fail(section, key, expectation);
        record(key,
               value ? file.find(section, key)->text :
                       format_number(*default_value),
               unit);
        return value ? *value : *default_value;
      }

      long
      integer(const std::string &key,
              long               lower,
              long               upper,
              long               default_value)
      {
        const auto value = file.integer(section, key, lower, upper);
        record(key, std::to_string(value.value_or(default_value)), "-");
        return value.value_or(default_value);
      }

      std::string
      choice(const std::string              &key,
             const std::vector<std::string> &choices,
             std::optional<std::string>      default_value = std::nullopt)
      {
        const auto value = file.choice(section, key, choices);
        if (!value && !default_value)
          file.fail(section, key, "one of: " + join(choices));
        record(key, value.value_or(*default_value), "-");
        return value.value_or(*default_value);
      }

      std::string
      text(const std::string         &key,
           const std::string         &expectation,
           std::optional<std::string> default_value = std::nullopt)
      {
        const auto value = file.text(section, key);
        if (!value && !default_value)
          file.fail(section, key, expectation);
        record(key, value.value_or(*default_value), "-");
        return value.value_or(*default_value);
      }

      /**
       * A database entry with this section's overrides of its properties
       * applied; each property is recorded with its source.
       */
      MaterialEntry
      overridden(MaterialEntry                    entry,
                 const std::vector<PropertySpec> &specs,
                 const std::string               &database_label)
      {
        for (const auto &spec : specs)
          {
            auto &value = entry.values.at(spec.key);
            if (const auto given = file.number(section,
                                               spec.key,
                                               spec.lower,
                                               spec.upper,
                                               spec.expectation()))
              value =
                SourcedValue{*given, "set in case (" + origin(spec.key) + ")"};
            else
              value.source = database_label + ": " + value.source;
            resolved.push_back({section,
                                spec.key,
                                format_number(value.value),
                                spec.unit,
                                value.source});
          }
        return entry;
      }

    private:
      std::string
      origin(const std::string &key) const
      {
        const IniValue *value = file.find(section, key);
        return value ? value->origin : "default";
      }

      void
      record(const std::string &key,
             const std::string &value,
             const std::string &unit)
      {
        resolved.push_back({section, key, value, unit, origin(key)});
      }

      const IniFile                  &file;
      const std::string               section;
      std::vector<ResolvedParameter> &resolved;
    };

    /** @p path relative to the directory of @p case_file, made absolute. */
    std::string
    relative_to_case(const std::string &case_file, const std::string &path)
    {
      namespace fs = std::filesystem;
      const fs::path p(path);
      if (p.is_absolute())
        return p.string();
      return (fs::absolute(case_file).parent_path() / p)
        .lexically_normal()
        .string();
    }
  } // namespace

  const RegionParameters *
  CaseParameters::find_region(const std::string &name) const
  {
    for (const auto &region : regions)
      if (region.name == name)
        return &region;
    return nullptr;
  }

  const BoundaryParameters *
  CaseParameters::find_boundary(const std::string &name) const
  {
    for (const auto &boundary : boundaries)
      if (boundary.name == name)
        return &boundary;
    return nullptr;
  }

  CaseParameters
  read_case(const std::string              &case_file,
            const std::vector<std::string> &overrides)
  {
    const IniFile file = IniFile::read(
      case_file,
      overrides,
      case_schema,
      "[mesh], [implant], [region.NAME], [boundary.NAME], [time], [output], "
      "[solver], [adaptivity], [thresholds], [gas], [databases]");

    CaseParameters prm;
    prm.case_file  = case_file;
    auto &resolved = prm.resolved;
    // Paths are recorded absolute so that case.resolved.cfg works from the
    // output directory.
    const auto record_path = [&](const std::string &section,
                                 const std::string &key,
                                 const std::string &path) {
      for (auto &p : resolved)
        if (p.section == section && p.key == key)
          p.value = path;
      return path;
    };

    for (const std::string required : {"mesh", "implant", "time"})
      if (!file.has_section(required))
        throw InputError(case_file + ": section [" + required + "] is missing");

    // Databases first: [implant] and [region.*] resolve against them.
    SectionReader     databases(file, "databases", resolved);
    const std::string alloy_path = record_path(
      "databases",
      "alloys",
      relative_to_case(case_file,
                       databases.text("alloys",
                                      "a file name",
                                      default_database_path("alloys.cfg"))));
    const std::string tissue_path = record_path(
      "databases",
      "tissues",
      relative_to_case(case_file,
                       databases.text("tissues",
                                      "a file name",
                                      default_database_path("tissues.cfg"))));
    const auto alloys  = MaterialDatabase::read(alloy_path,
                                               alloy_property_specs(),
                                               alloy_text_keys());
    const auto tissues = MaterialDatabase::read(tissue_path,
                                                tissue_property_specs(),
                                                tissue_text_keys());

    SectionReader mesh(file, "mesh", resolved);
    prm.mesh.file =
      record_path("mesh",
                  "file",
                  relative_to_case(
                    case_file, mesh.text("file", "a .geo or .msh file name")));
    if (!std::filesystem::exists(prm.mesh.file))
      file.fail("mesh",
                "file",
                "an existing .geo or .msh file (" + prm.mesh.file +
                  " not found)");
    const std::string extension =
      std::filesystem::path(prm.mesh.file).extension().string();
    if (extension != ".geo" && extension != ".msh")
      file.fail("mesh", "file", "a file ending in .geo or .msh");
    prm.mesh.refinements = mesh.integer("refinements", 0, 8, 0);
    const std::map<std::string, double> lengths = {{"m", 1.0},
                                                   {"mm", units::millimeter},
                                                   {"um", units::micrometer}};
    prm.mesh.unit_length =
      lengths.at(mesh.choice("unit", {"mm", "um", "m"}, "mm"));
    const std::string axis =
      mesh.choice("cylinder_axis", {"none", "x", "y", "z"}, "none");
    prm.mesh.cylinder_axis = axis == "none" ? -1 : axis[0] - 'x';

    SectionReader implant(file, "implant", resolved);
    prm.implant.region =
      implant.text("region", "the mesh region of the implant");
    const std::string    alloy_name = implant.text("alloy", "an alloy name");
    const MaterialEntry &alloy_entry =
      alloys.get(alloy_name, case_file + ": [implant] alloy");
    prm.implant.alloy = make_alloy(implant.overridden(alloy_entry,
                                                      alloy_property_specs(),
                                                      "alloy database"));
    prm.implant.environment =
      implant.choice("environment", {"in_vivo", "in_vitro"}, "in_vivo") ==
          "in_vivo" ?
        Environment::in_vivo :
        Environment::in_vitro;
    prm.implant.environment_factor =
      implant.number("environment_factor",
                     "-",
                     1e-6,
                     1e3,
                     "a positive factor on the in-vitro rate",
                     prm.implant.environment == Environment::in_vivo ?
                       prm.implant.alloy.in_vivo_factor :
                       1.0);
    prm.implant.pit_size =
      implant.number(
        "pit_size_um", "um", 1e-3, 1e6, "a pit size in micrometres", 100) *
      units::micrometer;
    prm.implant.pitting_seed =
      implant.integer("pitting_seed", 0, 2147483647, 1);
    if (prm.implant.alloy.rate_initial_mm_per_y == 0 &&
        prm.implant.alloy.rate_steady_mm_per_y == 0)
      file.fail("implant",
                "rate_steady_mm_per_y",
                "a positive corrosion rate (CR_0 and CR_ss are both zero)");

    for (const auto &section : file.sections())
      {
        if (section.rfind("region.", 0) == 0)
          {
            RegionParameters region;
            region.name = section.substr(7);
            if (region.name == prm.implant.region)
              throw InputError(
                case_file + ": [" + section +
                "] is the implant region; it holds metal, not tissue");
            SectionReader     reader(file, section, resolved);
            const std::string tissue_name =
              reader.text("tissue", "a tissue name");
            region.tissue =
              make_tissue(reader.overridden(tissues.get(tissue_name,
                                                        case_file + ": [" +
                                                          section + "] tissue"),
                                            tissue_property_specs(),
                                            "tissue database"));
            const auto &roles = tissue_roles();
            if (std::find(roles.begin(), roles.end(), region.tissue.role) ==
                roles.end())
              throw InputError(tissue_path + ": [" + tissue_name +
                               "] role: expected one of: " + join(roles));
            region.tissue.role =
              reader.choice("role", roles, region.tissue.role);
            prm.regions.push_back(region);
          }
        else if (section.rfind("boundary.", 0) == 0)
          {
            BoundaryParameters boundary;
            boundary.name = section.substr(9);
            SectionReader     reader(file, section, resolved);
            const std::string type =
              reader.choice("type", {"background", "no_flux", "washout"});
            boundary.type = type == "background" ? BoundaryType::background :
                            type == "no_flux"    ? BoundaryType::no_flux :
                                                   BoundaryType::washout;
            if (boundary.type == BoundaryType::washout)
              {
                boundary.mg_mass_transfer = reader.number(
                  "mass_transfer_m_per_s",
                  "m/s",
                  0,
                  1,
                  "a mass-transfer coefficient in m/s (e.g. 3e-5 for an artery lumen)");
                boundary.h2_mass_transfer =
                  reader.number("h2_mass_transfer_m_per_s",
                                "m/s",
                                0,
                                1,
                                "a mass-transfer coefficient in m/s",
                                boundary.mg_mass_transfer);
              }
            else
              for (const std::string key :
                   {"mass_transfer_m_per_s", "h2_mass_transfer_m_per_s"})
                if (file.find(section, key))
                  file.fail(section,
                            key,
                            "no value: only type = washout uses it");
            prm.boundaries.push_back(boundary);
          }
      }
    // Implant cells that corrode away become this region; a case may set
    // its tissue in [region.degraded], otherwise the database entry is used.
    if (!prm.regions.empty() && !prm.find_region(degraded_region))
      prm.regions.push_back(
        {degraded_region,
         make_tissue(tissues.get(degraded_region, "tissue database"))});
    if (prm.regions.empty())
      throw InputError(
        case_file +
        ": no [region.NAME] section: at least one tissue region is needed");

    SectionReader time(file, "time", resolved);
    prm.time.end_time =
      time.number("end_days", "d", 1e-9, 1e5, "a positive number of days") *
      units::day;
    prm.time.time_step =
      time.number("step_hours", "h", 1e-9, 1e6, "a positive number of hours") *
      units::hour;
    prm.time.scheme =
      time.choice("scheme", {"bdf2", "backward_euler"}, "bdf2") == "bdf2" ?
        TimeScheme::bdf2 :
        TimeScheme::backward_euler;
    prm.time.adaptive =
      time.choice("adaptive", {"true", "false"}, "false") == "true";
    prm.time.adaptive_tolerance = time.number("adaptive_tolerance_mM",
                                              "mM",
                                              1e-12,
                                              1e6,
                                              "a positive concentration in mM",
                                              0.01) *
                                  units::mM;
    prm.time.min_step = time.number("min_step_hours",
                                    "h",
                                    1e-9,
                                    1e6,
                                    "a positive number of hours",
                                    prm.time.time_step / units::hour / 64) *
                        units::hour;
    prm.time.max_step = time.number("max_step_hours",
                                    "h",
                                    1e-9,
                                    1e6,
                                    "a positive number of hours",
                                    prm.time.time_step / units::hour * 64) *
                        units::hour;
    if (prm.time.min_step > prm.time.time_step * (1 + 1e-12) ||
        prm.time.max_step < prm.time.time_step * (1 - 1e-12))
      file.fail("time",
                "min_step_hours",
                "min_step_hours <= step_hours <= max_step_hours");
    if (prm.time.time_step > prm.time.end_time * (1 + 1e-12))
      file.fail("time", "step_hours", "a step no longer than end_days");

    SectionReader solver(file, "solver", resolved);
    prm.solver.fe_degree = solver.integer("fe_degree", 1, 2, 1);
    prm.solver.linear_tolerance =
      solver.number("linear_tolerance",
                    "-",
                    1e-16,
                    1e-2,
                    "a relative tolerance in (0, 1e-2]",
                    1e-11);
    prm.solver.amg_strong_threshold = solver.number(
      "amg_strong_threshold", "-", 0, 1, "a number in [0, 1]", 0.5);

    SectionReader thresholds(file, "thresholds", resolved);
    {
      const std::string expectation =
        "increasing concentrations in mM separated by spaces, e.g. "
        "0.75 1.25 5 10 20 30";
      std::istringstream edges(
        thresholds.text("band_edges_mM", expectation, "0.75 1.25 5 10 20 30"));
      prm.thresholds.band_edges.clear();
      std::string word;
      while (edges >> word)
        {
          char        *end   = nullptr;
          const double value = std::strtod(word.c_str(), &end);
          if (*end != '\0' || !(value >= 0) ||
              (!prm.thresholds.band_edges.empty() &&
               value <= prm.thresholds.band_edges.back()))
            file.fail("thresholds", "band_edges_mM", expectation);
          prm.thresholds.band_edges.push_back(value * units::mM);
        }
      if (prm.thresholds.band_edges.empty())
        file.fail("thresholds", "band_edges_mM", expectation);

      // The summary's levels are band edges, so that bands.csv and the
      // summary describe the same volumes.
      const auto &band_edges = prm.thresholds.band_edges;
      const auto  edge       = [&](const std::string &key, double value) {
        value *= units::mM;
        for (const double e : band_edges)
          if (std::abs(e - value) <= 1e-12 * e)
            return e;
        file.fail("thresholds", key, "one of the band_edges_mM");
        return value;
      };
      const auto level = [&](const std::string &key, double default_mM) {
        return edge(key,
                    thresholds.number(key,
                                      "mM",
                                      0,
                                      1e6,
                                      "a concentration in mM (a band edge)",
                                      default_mM));
      };
      prm.thresholds.anti_tumour   = level("anti_tumour_mM", 20);
      prm.thresholds.normal_stress = level("normal_stress_mM", 30);
      std::istringstream window(thresholds.text(
        "osteogenic_window_mM", "two band edges in mM, e.g. 5 10", "5 10"));
      double             low = -1, high = -1;
      std::string        rest;
      if (!(window >> low >> high) || (window >> rest) || !(low < high))
        file.fail("thresholds",
                  "osteogenic_window_mM",
                  "two increasing band edges in mM, e.g. 5 10");
      prm.thresholds.osteogenic_low  = edge("osteogenic_window_mM", low);
      prm.thresholds.osteogenic_high = edge("osteogenic_window_mM", high);
      prm.thresholds.tumour_min_duration =
        thresholds.number(
          "tumour_min_hours", "h", 0, 1e6, "a number of hours >= 0", 24) *
        units::hour;
    }

    SectionReader adaptivity(file, "adaptivity", resolved);
    prm.adaptivity.enabled =
      adaptivity.choice("enabled", {"true", "false"}, "false") == "true";
    prm.adaptivity.interval =
      adaptivity.number(
        "every_hours", "h", 1e-6, 1e6, "a positive number of hours", 6) *
      units::hour;
    prm.adaptivity.max_levels = adaptivity.integer("max_levels", 0, 6, 2);
    prm.adaptivity.max_cells =
      adaptivity.integer("max_cells", 1, 2000000000, 500000);
    prm.adaptivity.refine_fraction = adaptivity.number(
      "refine_fraction", "-", 0, 1, "a fraction in [0, 1]", 0.3);
    prm.adaptivity.coarsen_fraction = adaptivity.number(
      "coarsen_fraction", "-", 0, 1, "a fraction in [0, 1]", 0.1);
    if (prm.adaptivity.refine_fraction + prm.adaptivity.coarsen_fraction > 1)
      file.fail("adaptivity",
                "coarsen_fraction",
                "refine_fraction + coarsen_fraction <= 1");

    // Assumed rates (no measurement in the seeds or SCIENCE.md): gas forms
    // within ~15 min of supersaturation, and pockets last for days, as
    // radiographs of Mg implants show.
    SectionReader gas(file, "gas", resolved);
    prm.gas.enabled =
      gas.choice("model", {"exchange", "none"}, "exchange") == "exchange";
    prm.gas.nucleation_rate =
      gas.number("nucleation_per_s", "1/s", 0, 1e3, "a rate in 1/s", 1e-3);
    prm.gas.redissolution_rate =
      gas.number("redissolution_per_s", "1/s", 0, 1e3, "a rate in 1/s", 1e-5);
    prm.gas.temperature =
      gas.number("temperature_K", "K", 1, 1e4, "a temperature in K", 310.15);
    prm.gas.pressure =
      gas.number("pressure_Pa", "Pa", 1, 1e9, "a pressure in Pa", 101325);

    SectionReader     output(file, "output", resolved);
    const std::string case_stem =
      std::filesystem::path(case_file).stem().string();
    prm.output.directory =
      output.text("directory", "a directory name", "results/" + case_stem);
    prm.output.interval =
      output.number(
        "every_hours", "h", 0, infinity, "a number of hours >= 0", 0) *
      units::hour;
    prm.output.write_vtu =
      output.choice("vtu", {"true", "false"}, "true") == "true";

    SectionReader checkpoint(file, "checkpoint", resolved);
    prm.checkpoint.interval =
      checkpoint.number(
        "every_hours", "h", 0, infinity, "a number of hours >= 0", 0) *
      units::hour;
    prm.checkpoint.wall_interval =
      checkpoint.number("every_minutes",
                        "min",
                        0,
                        infinity,
                        "a number of minutes of wall-clock time >= 0",
                        0) *
      60;

    return prm;
  }

  void
  write_resolved_case(std::ostream &out, const CaseParameters &parameters)
  {
    out << "# Resolved from " << parameters.case_file
        << ": every value this run used.\n"
        << "# Rerun exactly with: mgsim run case.resolved.cfg\n";
    std::string section;
    for (const auto &p : parameters.resolved)
      {
        if (p.section != section)
          {
            section = p.section;
            out << "\n[" << section << "]\n";
          }
        out << p.key << " = " << p.value << "\n";
      }
  }

  void
  print_resolved_parameters(std::ostream &out, const CaseParameters &parameters)
  {
    std::string section;
    for (const auto &p : parameters.resolved)
      {
        if (p.section != section)
          {
            section = p.section;
            out << "[" << section << "]\n";
          }
        out << "  " << std::left << std::setw(26) << p.key << std::setw(14)
            << p.value << " " << std::setw(8) << p.unit << p.source << "\n";
      }
  }
} // namespace mgsim
