#include "input/medium_database.h"

#include "base/input_error.h"

#include <algorithm>

namespace mgsim
{
  const std::vector<PropertySpec> &
  medium_property_specs()
  {
    static const std::vector<PropertySpec> specs = {
      {"reference_ph", "-", "pH the concentrations below are given at", 5, 13},
      {"bicarbonate_mM", "mM", "[HCO3-] at the reference pH", 0, 1000},
      {"phosphate_mM", "mM", "total inorganic phosphate", 0, 1000},
      {"nonbicarbonate_buffer_mM_per_pH",
       "mM/pH",
       "buffer value of the other weak acids (proteins, HEPES)",
       0,
       1000},
      {"pk1", "-", "apparent pK1' of carbonic acid (CO2 + H2O / HCO3-)", 4, 8},
      {"pk2", "-", "apparent pK2' of bicarbonate (HCO3- / CO3 2-)", 8, 12},
      {"pk_phosphate", "-", "apparent pK' of H2PO4- / HPO4 2-", 5, 9},
      {"pk_water", "-", "apparent pKw' of water", 12, 15},
      {"co2_solubility_mM_per_mmHg",
       "mM/mmHg",
       "CO2 solubility (Henry's law)",
       1e-4,
       1},
      {"log_ksp_brucite",
       "-",
       "log10 of Mg(OH)2's apparent solubility product (M^3)",
       -15,
       -5},
    };
    return specs;
  }

  const std::vector<std::string> &
  medium_text_keys()
  {
    static const std::vector<std::string> keys = {"description", "carbon"};
    return keys;
  }

  const std::vector<std::string> &
  carbon_supply_names()
  {
    static const std::vector<std::string> names = {"open",
                                                   "closed",
                                                   "incubator"};
    return names;
  }

  Medium
  make_medium(const MaterialEntry &entry, const std::string &context)
  {
    const auto value = [&](const std::string &key) {
      return entry.values.at(key).value;
    };
    Medium medium;
    medium.name        = entry.name;
    medium.description = entry.texts.at("description");
    const auto &names  = carbon_supply_names();
    const auto  carbon =
      std::find(names.begin(), names.end(), entry.texts.at("carbon"));
    if (carbon == names.end())
      throw InputError(context + ": [" + entry.name + "] carbon = '" +
                       entry.texts.at("carbon") +
                       "': expected open, closed or incubator");
    medium.carbon       = static_cast<CarbonSupply>(carbon - names.begin());
    medium.reference_ph = value("reference_ph");
    medium.bicarbonate  = value("bicarbonate_mM");
    medium.phosphate    = value("phosphate_mM");
    medium.nonbicarbonate_buffer = value("nonbicarbonate_buffer_mM_per_pH");
    medium.pk1                   = value("pk1");
    medium.pk2                   = value("pk2");
    medium.pk_phosphate          = value("pk_phosphate");
    medium.pk_water              = value("pk_water");
    medium.co2_solubility        = value("co2_solubility_mM_per_mmHg");
    medium.log_ksp_brucite       = value("log_ksp_brucite");
    return medium;
  }
} // namespace mgsim
