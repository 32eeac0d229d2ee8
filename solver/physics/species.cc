#include "physics/species.h"

#include "base/units.h"
#include "physics/acid_base.h"

#include <algorithm>
#include <cmath>

namespace mgsim
{
  std::vector<SpeciesColumn>
  standard_columns(const std::string &p)
  {
    using Q = SpeciesQuantity;
    return {{Q::released, p + "_released_mol"},
            {Q::dissolved, p + "_dissolved_mol"},
            {Q::exchanged, p + "_exchanged_mol"},
            {Q::cleared, p + "_cleared_mol"},
            {Q::boundary, p + "_boundary_mol"},
            {Q::balance_error, p + "_balance_rel_error"},
            {Q::maximum, "max_" + p + "_mM"},
            {Q::minimum, "min_" + p + "_mM"}};
  }

  std::vector<SpeciesDefinition>
  shipped_species()
  {
    using Q                = SpeciesQuantity;
    const auto       &keys = shipped_species_keys();
    SpeciesDefinition mg   = {keys.at(0), 1.0, true, {}};
    mg.columns             = {{Q::released, "mg_released_mol"},
                              {Q::dissolved, "mg_tissue_mol"},
                              {Q::cleared, "mg_cleared_mol"},
                              {Q::boundary, "mg_boundary_mol"},
                              {Q::balance_error, "mass_balance_rel_error"},
                              {Q::maximum, "max_c_mM"},
                              {Q::minimum, "min_c_mM"}};
    SpeciesDefinition h2   = {keys.at(1), 1.0, false, {}};
    h2.columns             = {{Q::maximum, "max_h2_mM"},
                              {Q::released, "h2_released_mol"},
                              {Q::dissolved, "h2_dissolved_mol"},
                              {Q::exchanged, "h2_gas_mol"},
                              {Q::cleared, "h2_cleared_mol"},
                              {Q::boundary, "h2_boundary_mol"},
                              {Q::balance_error, "h2_balance_rel_error"}};
    return {mg, h2};
  }

  SpeciesDefinition
  alkalinity_species()
  {
    SpeciesDefinition ta = {chemistry_species_keys().at(0), 2.0, false, {}};
    ta.columns           = standard_columns("ta");
    ta.level_at_rest     = &AcidBase::reference_alkalinity;
    return ta;
  }

  SpeciesDefinition
  carbon_species()
  {
    SpeciesDefinition ct = {chemistry_species_keys().at(1), 0.0, false, {}};
    ct.columns           = standard_columns("ct");
    ct.level_at_rest     = &AcidBase::reference_carbon;
    return ct;
  }

  std::vector<SpeciesDefinition>
  case_species(const CaseParameters &parameters)
  {
    std::vector<SpeciesDefinition> species = shipped_species();
    using P                                = ChemistryParameters::Precipitation;
    if (parameters.chemistry.enabled)
      {
        // What Mg(OH)2 holds enters Mg2+'s ledger (doc/model.md §7.3).
        if (parameters.chemistry.precipitation != P::none)
          species[0].columns.insert(species[0].columns.begin() + 2,
                                    {SpeciesQuantity::exchanged,
                                     "mg_precipitated_mol"});
        species.push_back(alkalinity_species());
        // CT changes only through a gas_exchange surface; without one every
        // node keeps its medium's carbon at rest (doc/model.md §7.5).
        if (std::any_of(parameters.boundaries.begin(),
                        parameters.boundaries.end(),
                        [](const BoundaryParameters &b) {
                          return b.type == BoundaryType::gas_exchange;
                        }))
          species.push_back(carbon_species());
      }
    return species;
  }

  Species::Species(SpeciesDefinition                 definition,
                   const CaseParameters             &parameters,
                   const MeshInfo                   &mesh,
                   const dealii::DoFHandler<3>      &dof_handler,
                   const dealii::hp::QCollection<3> &cell_quadrature,
                   const dealii::hp::QCollection<2> &face_quadrature)
    : definition_(std::move(definition))
  {
    const std::string &prefix = definition_.keys.prefix;
    TransportSetup     setup;
    setup.name                 = definition_.keys.label;
    setup.linear_tolerance     = parameters.solver.linear_tolerance;
    setup.amg_strong_threshold = parameters.solver.amg_strong_threshold;
    for (const auto &region : parameters.regions)
      {
        SpeciesCoefficients c = region.tissue.species.at(prefix);
        // TA's and CT's level at rest is the medium's (doc/model.md §7).
        if (definition_.level_at_rest)
          c.background =
            (AcidBase(region.medium.value()).*definition_.level_at_rest)();
        setup.coefficients[mesh.regions.at(region.name)] = c;
      }
    for (const auto &boundary : parameters.boundaries)
      {
        const auto id = mesh.boundaries.at(boundary.name);
        if (boundary.type == BoundaryType::background)
          setup.background_boundaries.insert(id);
        else if (boundary.type == BoundaryType::washout)
          setup.washout_boundaries[id] = boundary.mass_transfer.at(prefix);
        // CT takes the part k_g (CT - CT_b) of the CO2 exchange implicitly
        // (physics/carbon_dioxide_exchange.h); to the others the surface is
        // a closed wall.
        else if (boundary.type == BoundaryType::gas_exchange && prefix == "ct")
          setup.washout_boundaries[id] = boundary.co2_transfer;
      }
    transport_ = std::make_unique<ScalarTransport>(dof_handler,
                                                   cell_quadrature,
                                                   face_quadrature,
                                                   setup);
  }

  void
  Species::advance(const double       dt,
                   const unsigned int order,
                   const VectorType  &released_mg)
  {
    VectorType injection(released_mg);
    injection *= definition_.per_mg_released;
    released_ += total(injection);
    if (exchange && !exchange->at_nodes())
      {
        // Exchange from the state at the start of the step, handed to the
        // transport as an exact (negative) injection.
        VectorType moved(injection);
        exchange->exchange(transport_->solution(), dt, moved);
        injection -= moved;
      }
    transport_->advance_injecting(dt, order, injection, 1.0);
  }

  void
  Species::exchange_at_nodes(const double dt)
  {
    if (!exchange || !exchange->at_nodes())
      return;
    VectorType moved;
    exchange->exchange(transport_->solution(), dt, moved);
    transport_->remove_at_nodes(moved);
  }

  double
  Species::value(const SpeciesQuantity quantity) const
  {
    const TransportLedger &ledger = transport_->ledger();
    // Moles in the phase: a sum over all DoFs and ranks, only where needed.
    const auto exchanged = [this]() {
      return exchange ? exchange->moles() : 0.0;
    };
    switch (quantity)
      {
        case SpeciesQuantity::released:
          return released_;
        case SpeciesQuantity::dissolved:
          return ledger.content;
        case SpeciesQuantity::exchanged:
          return exchanged();
        case SpeciesQuantity::cleared:
          return ledger.cleared;
        case SpeciesQuantity::boundary:
          return ledger.boundary_outflow;
        case SpeciesQuantity::balance_error:
          return released_ == 0 ?
                   0.0 :
                   std::abs(released_ -
                            (ledger.content + exchanged() + ledger.cleared +
                             ledger.boundary_outflow)) /
                     released_;
        case SpeciesQuantity::maximum:
          return transport_->max_value() / units::mM;
        case SpeciesQuantity::minimum:
          return transport_->min_value() / units::mM;
      }
    return 0;
  }

  std::vector<CsvColumn>
  Species::statistics() const
  {
    std::vector<CsvColumn> columns;
    for (const SpeciesColumn &c : definition_.columns)
      columns.push_back(
        {c.name, [this, q = c.quantity](double) { return value(q); }});
    return columns;
  }

  Species *
  find_species(const std::vector<std::unique_ptr<Species>> &species,
               const std::string                           &prefix)
  {
    for (const auto &s : species)
      if (s->definition().keys.prefix == prefix)
        return s.get();
    return nullptr;
  }

  unsigned int
  band_species_index(const std::vector<std::unique_ptr<Species>> &species)
  {
    const auto band =
      std::find_if(species.begin(), species.end(), [](const auto &s) {
        return s->definition().tracks_bands;
      });
    AssertThrow(band != species.end(),
                dealii::ExcMessage("one species must track the band edges"));
    return band - species.begin();
  }
} // namespace mgsim
