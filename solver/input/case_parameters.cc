#include "input/case_parameters.h"

#include "base/input_error.h"
#include "base/units.h"
#include "input/ini_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iomanip>
#include <map>

namespace mgsim
{
  namespace
  {
    /** [databases]: the material database files a case uses. */
    const std::vector<KeySpec> &
    database_keys()
    {
      static const std::vector<KeySpec> specs = {
        {"alloys",
         "-",
         "alloy database file (default solver/data/alloys.cfg)",
         "a file name"},
        {"tissues",
         "-",
         "tissue database file (default solver/data/tissues.cfg)",
         "a file name"},
        {"media",
         "-",
         "media database file (chemistry; default solver/data/media.cfg)",
         "a file name"}};
      return specs;
    }

    /** The sections with fixed keys, by name. */
    const std::map<std::string, const std::vector<KeySpec> *> &
    fixed_sections()
    {
      static const std::map<std::string, const std::vector<KeySpec> *>
        sections = {{"databases", &database_keys()},
                    {"mesh", &MeshParameters::keys()},
                    {"implant", &ImplantParameters::keys()},
                    {"time", &TimeParameters::keys()},
                    {"solver", &SolverParameters::keys()},
                    {"thresholds", &ThresholdParameters::keys()},
                    {"adaptivity", &AdaptivityParameters::keys()},
                    {"gas", &GasParameters::keys()},
                    {"chemistry", &ChemistryParameters::keys()},
                    {"output", &OutputParameters::keys()},
                    {"checkpoint", &CheckpointParameters::keys()}};
      return sections;
    }

    bool
    is_region(const std::string &section)
    {
      return section.rfind("region.", 0) == 0 && section.size() > 7;
    }

    bool
    is_boundary(const std::string &section)
    {
      return section.rfind("boundary.", 0) == 0 && section.size() > 9;
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
            const std::vector<std::string> &overrides,
            const std::vector<SpeciesKeys> &run_species)
  {
    std::vector<SpeciesKeys> species       = run_species;
    const auto               region_keys   = RegionParameters::keys(species);
    const auto               boundary_keys = BoundaryParameters::keys(species);
    // The schema: the declared keys of every section.
    const auto declared =
      [&](const std::string &section) -> const std::vector<KeySpec> * {
      if (const auto it = fixed_sections().find(section);
          it != fixed_sections().end())
        return it->second;
      if (is_region(section))
        return &region_keys;
      if (is_boundary(section))
        return &boundary_keys;
      return nullptr;
    };
    const IniFile file = IniFile::read(
      case_file,
      overrides,
      [&](const std::string &section, std::vector<std::string> &keys) {
        const std::vector<KeySpec> *specs = declared(section);
        if (specs)
          keys = keys_of(*specs);
        return specs != nullptr;
      },
      "[mesh], [implant], [region.NAME], [boundary.NAME], [time], [output], "
      "[solver], [adaptivity], [thresholds], [gas], [chemistry], [databases]");

    CaseParameters prm;
    prm.case_file      = case_file;
    prm.species        = species;
    const auto section = [&](const std::string &name) {
      return SectionReader(file, name, *declared(name), prm.resolved);
    };

    for (const std::string required : {"mesh", "implant", "time"})
      if (!file.has_section(required))
        throw InputError(case_file + ": section [" + required + "] is missing");

    // The chemistry (doc/model.md §7) adds its species and the media. Its
    // section is read only when the case has it, so that a case without it
    // resolves exactly as before.
    if (file.has_section("chemistry"))
      {
        auto chemistry = section("chemistry");
        prm.chemistry  = ChemistryParameters::read(chemistry);
        // Turned off, the case's chemistry keys are ignored; they are checked
        // as if it were on, so that a mistake shows before it is turned on.
        if (!prm.chemistry.enabled)
          {
            auto on = overrides;
            on.push_back("chemistry.enabled=true");
            read_case(case_file, on, run_species);
          }
      }

    // Databases first: [implant] and [region.*] resolve against them.
    auto              databases = section("databases");
    const std::string alloy_path =
      databases.path("alloys", case_file, default_database_path("alloys.cfg"));
    const std::string tissue_path =
      databases.path("tissues",
                     case_file,
                     default_database_path("tissues.cfg"));
    const auto alloys  = MaterialDatabase::read(alloy_path,
                                               alloy_property_specs(),
                                               alloy_text_keys());
    const auto tissues = MaterialDatabase::read(tissue_path,
                                                tissue_property_specs(
                                                  with_chemistry_keys(species)),
                                                tissue_text_keys());

    std::optional<MaterialDatabase> media;
    std::string                     media_path;
    if (prm.chemistry.enabled)
      {
        media_path  = databases.path("media",
                                    case_file,
                                    default_database_path("media.cfg"));
        media       = MaterialDatabase::read(media_path,
                                       medium_property_specs(),
                                       medium_text_keys());
        species     = with_chemistry_keys(species);
        prm.species = species;
      }
    else
      prm.chemistry.refuse_without_section(databases, {"media"});

    auto mesh    = section("mesh");
    prm.mesh     = MeshParameters::read(mesh, case_file);
    auto implant = section("implant");
    prm.implant =
      ImplantParameters::read(implant, alloys, case_file, prm.chemistry);

    for (const auto &name : file.sections())
      if (is_region(name))
        {
          if (name.substr(7) == prm.implant.region)
            throw InputError(
              case_file + ": [" + name +
              "] is the implant region; it holds metal, not tissue");
          auto reader = section(name);
          prm.regions.push_back(
            RegionParameters::read(reader,
                                   tissues,
                                   tissue_path,
                                   species,
                                   case_file,
                                   prm.chemistry,
                                   media ? &*media : nullptr,
                                   media_path));
        }
      else if (is_boundary(name))
        {
          auto reader = section(name);
          prm.boundaries.push_back(
            BoundaryParameters::read(reader, species, prm.chemistry));
        }
    // Implant cells that corrode away become this region; a case may set
    // its tissue in [region.degraded], otherwise the database entry is used.
    if (!prm.regions.empty() && !prm.find_region(degraded_region))
      {
        RegionParameters degraded{
          degraded_region,
          make_tissue(tissues.get(degraded_region, "tissue database"), species),
          std::nullopt};
        if (media)
          degraded.medium =
            make_medium(media->get(degraded.tissue.medium,
                                   tissue_path + ": [degraded]"),
                        media_path);
        prm.regions.push_back(degraded);
      }
    if (prm.regions.empty())
      throw InputError(
        case_file +
        ": no [region.NAME] section: at least one tissue region is needed");
    // CO2 exchange needs a medium whose carbon it exchanges (doc/model.md
    // §7.5).
    for (const auto &b : prm.boundaries)
      if (b.type == BoundaryType::gas_exchange &&
          std::none_of(prm.regions.begin(),
                       prm.regions.end(),
                       [](const RegionParameters &r) {
                         return r.exchanges_co2();
                       }))
        throw InputError(case_file + ": [boundary." + b.name +
                         "] type = 'gas_exchange': expected a region whose "
                         "medium exchanges CO2 with a gas (carbon = "
                         "incubator, e.g. medium = dmem_incubator)");

    auto time       = section("time");
    prm.time        = TimeParameters::read(time);
    auto solver     = section("solver");
    prm.solver      = SolverParameters::read(solver);
    auto thresholds = section("thresholds");
    prm.thresholds  = ThresholdParameters::read(thresholds, prm.chemistry);
    auto adaptivity = section("adaptivity");
    prm.adaptivity  = AdaptivityParameters::read(adaptivity);
    if (prm.adaptivity.enabled)
      prm.mesh.max_cells = prm.adaptivity.max_cells;
    auto gas    = section("gas");
    prm.gas     = GasParameters::read(gas);
    auto output = section("output");
    prm.output =
      OutputParameters::read(output,
                             std::filesystem::path(case_file).stem().string());
    // Outputs come at most once a step, and the clock steps over the
    // output times one interval at a time: an interval below the shortest
    // step only repeats outputs, and far below it (1e-300 h) the steps over
    // it never end.
    if (prm.output.interval > 0 &&
        prm.output.interval < prm.time.min_step * (1 - 1e-12))
      output.fail("every_hours",
                  "0 (first and last only) or at least the shortest step, "
                  "[time] min_step_hours = " +
                    format_number(prm.time.min_step / units::hour));
    auto checkpoint = section("checkpoint");
    prm.checkpoint  = CheckpointParameters::read(checkpoint);
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
  write_resolved_parameters_json(
    std::ostream                              &out,
    const CaseParameters                      &parameters,
    const std::map<std::string, unsigned int> &regions)
  {
    nlohmann::json list = nlohmann::json::array();
    for (const auto &p : parameters.resolved)
      list.push_back({{"section", p.section},
                      {"key", p.key},
                      {"value", p.value},
                      {"unit", p.unit},
                      {"source", p.source}});
    nlohmann::json ids = nlohmann::json::array();
    for (const auto &[name, id] : regions)
      ids.push_back({{"name", name}, {"id", id}});
    out << nlohmann::json{{"case", parameters.case_file},
                          {"parameters", list},
                          {"regions", ids}}
             .dump(1)
        << "\n";
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
