// A transported species as data (doc/model.md §2.1): its keys in the tissue
// database (input/species_keys.h), its source at the corrosion front (moles
// per mole of Mg leaving the metal), what a run reports of it (stats.csv
// columns; bands and threshold times or only dose and peak), and at run time
// its transport and the phase it may exchange with. The run loop, the
// checkpoint, the statistics and the output iterate a list of species; Mg2+
// and H2 are its two shipped entries (shipped_species()), and the chemistry
// adds the total alkalinity (alkalinity_species(), doc/model.md §7).
//
// A new species needs its coefficients in the tissue database (its keys in
// input/species_keys.cc, its values in data/tissues.cfg) and its definition
// here (its source); nothing else.
#pragma once

#include "base/csv_file.h"
#include "base/linear_algebra.h"
#include "input/case_parameters.h"
#include "input/mesh_loader.h"
#include "physics/acid_base.h"
#include "physics/phase_exchange.h"
#include "physics/scalar_transport.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/q_collection.h>

#include <memory>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief What a run can report of a species in stats.csv. */
  enum class SpeciesQuantity
  {
    /** Moles its sources put in since t = 0 [mol]. */
    released,
    /** Moles held in solution above the initial state [mol]. */
    dissolved,
    /** Moles held in the phase it exchanges with (H2 gas) [mol]. */
    exchanged,
    /** Moles removed by perfusion [mol]. */
    cleared,
    /** Moles out through the outer boundaries [mol]. */
    boundary,
    /**
     * |released - (dissolved + exchanged + cleared + boundary)| / released:
     * the species' mass balance.
     */
    balance_error,
    /** Largest nodal level [mM]. */
    maximum,
    /** Smallest nodal level [mM]. */
    minimum
  };

  /** @brief One stats.csv column of a species: a quantity and its name. */
  struct SpeciesColumn
  {
    SpeciesQuantity quantity;
    std::string     name;
  };

  /** @brief What a transported species is, independent of the mesh. */
  struct SpeciesDefinition
  {
    SpeciesKeys keys;
    /**
     * Its source at the corrosion front: moles that enter the tissue per
     * mole of Mg leaving the metal (doc/model.md §1: 1 for Mg2+ and H2).
     */
    double per_mg_released = 1;
    /**
     * Whether its exposure is kept at the case's band edges (time at or
     * above each, bands.csv, tumour coverage: Mg2+); otherwise only its
     * dose and peak.
     */
    bool tracks_bands = false;
    /** Its stats.csv columns, in file order. */
    std::vector<SpeciesColumn> columns;
    /**
     * Its background from each region's medium at rest (TA, CT; keys
     * background_from_medium), or none (the tissue's background key).
     */
    double (AcidBase::*level_at_rest)() const = nullptr;

    /** Name of its level in output files, "<label> [mM]". */
    std::string
    field_name() const
    {
      return keys.label + " [mM]";
    }
  };

  /**
   * The columns of a species named after its prefix p: p_released_mol,
   * p_dissolved_mol, p_exchanged_mol, p_cleared_mol, p_boundary_mol,
   * p_balance_rel_error, max_p_mM, min_p_mM.
   */
  std::vector<SpeciesColumn>
  standard_columns(const std::string &prefix);

  /**
   * Mg2+ (the band species) and dissolved H2, released 1:1 with the metal's
   * Mg, with the column names of stats.csv.
   */
  std::vector<SpeciesDefinition>
  shipped_species();

  /**
   * The chemistry's total alkalinity (doc/model.md §7): 2 mol of base per
   * mol of Mg (Mg + 2 H2O -> Mg2+ + 2 OH- + H2), columns ta_*.
   */
  SpeciesDefinition
  alkalinity_species();

  /**
   * The chemistry's dissolved inorganic carbon CT (doc/model.md §7.5): no
   * source (corrosion adds no carbon), exchanged as CO2 at free surfaces,
   * columns ct_*.
   */
  SpeciesDefinition
  carbon_species();

  /** What a run of @p parameters transports: shipped_species(), and with
   * the chemistry on alkalinity_species() and, where a region's medium
   * exchanges CO2 with an incubator, carbon_species(). */
  std::vector<SpeciesDefinition>
  case_species(const CaseParameters &parameters);

  /**
   * @brief A species on the mesh: its definition, its transport and the
   * phase it exchanges with (if any).
   */
  class Species
  {
  public:
    /**
     * The transport with the coefficients of each region of @p parameters
     * (material ids from @p mesh) and its boundary conditions.
     */
    Species(SpeciesDefinition                 definition,
            const CaseParameters             &parameters,
            const MeshInfo                   &mesh,
            const dealii::DoFHandler<3>      &dof_handler,
            const dealii::hp::QCollection<3> &cell_quadrature,
            const dealii::hp::QCollection<2> &face_quadrature);

    /**
     * Advances by @p dt [s] while the metal releases @p released_mg [mol of
     * Mg per DoF, exactly integrated over the step]: injects its share,
     * less what moves into a phase that exchanges by injection (H2 gas).
     * @p order: 1 (BE) or 2 (BDF2).
     */
    void
    advance(double dt, unsigned int order, const VectorType &released_mg);

    /**
     * After every species advanced by @p dt: the exchange of a phase that
     * acts at the nodes (PhaseExchange::at_nodes(), Mg(OH)2), taken out of
     * the state the step reached.
     */
    void
    exchange_at_nodes(double dt);

    /** The phase it exchanges with from now on (nullptr: none). */
    void
    set_exchange(PhaseExchange *phase)
    {
      exchange = phase;
    }

    const SpeciesDefinition &
    definition() const
    {
      return definition_;
    }

    ScalarTransport &
    transport()
    {
      return *transport_;
    }

    const ScalarTransport &
    transport() const
    {
      return *transport_;
    }

    /** The value of @p quantity now, in the unit of its column. */
    double
    value(SpeciesQuantity quantity) const;

    /** Its stats.csv columns (they refer to this object). */
    std::vector<CsvColumn>
    statistics() const;

    /** Moles its sources put in since t = 0 [mol]. */
    double
    released() const
    {
      return released_;
    }

    /** Continues from a checkpoint's released() (the transport restores
     * itself). */
    void
    set_released(double moles)
    {
      released_ = moles;
    }

  private:
    SpeciesDefinition                definition_;
    std::unique_ptr<ScalarTransport> transport_;
    PhaseExchange                   *exchange  = nullptr;
    double                           released_ = 0;
  };

  /** The species of @p species with key prefix @p prefix, or nullptr. */
  Species *
  find_species(const std::vector<std::unique_ptr<Species>> &species,
               const std::string                           &prefix);

  /**
   * Index of the species whose exposure is kept at the band edges (Mg2+);
   * throws if none does.
   */
  unsigned int
  band_species_index(const std::vector<std::unique_ptr<Species>> &species);
} // namespace mgsim
