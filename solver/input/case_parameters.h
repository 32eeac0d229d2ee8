// Everything a case file (plus --set overrides) says, resolved against the
// material databases into plain structs. After read_case() no parser travels
// through the code: the solver sees only these structs.
#pragma once

#include "alloy_database.h"
#include "tissue_database.h"

#include <ostream>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One resolved parameter, for `mgsim check` and case.resolved.cfg. */
  struct ResolvedParameter
  {
    std::string section;
    std::string key;
    /** The value as it is used, in the key's unit. */
    std::string value;
    std::string unit;
    /** Where the value came from: case file, --set, default, database + source.
     */
    std::string source;
  };

  struct MeshParameters
  {
    /** Absolute path of the .geo or .msh file. */
    std::string  file;
    unsigned int refinements = 0;
    /** Length of one mesh unit [m] (mm -> 1e-3). */
    double unit_length = 1e-3;
    /**
     * Axis (0, 1, 2 = x, y, z; -1 none) through the origin around which faces
     * lying on a cylinder are kept round under refinement.
     */
    int cylinder_axis = -1;
  };

  enum class Environment
  {
    in_vivo,
    in_vitro
  };

  struct ImplantParameters
  {
    /** Mesh volume region (gmsh physical group) holding the metal. */
    std::string region;
    Alloy       alloy;
    Environment environment = Environment::in_vivo;
    /** Multiplier on the in-vitro rate law for this environment [-]. */
    double environment_factor = 1;
    /** Size of a pit (grid spacing of the pitting field) [m]. */
    double pit_size = 100e-6;
    /** Seed of the pitting field. */
    unsigned long pitting_seed = 1;
  };

  /**
   * The region that implant cells join when their metal is gone. It need not
   * exist in the mesh; the database's tissue of that name is its default.
   */
  inline const std::string degraded_region = "degraded";

  struct RegionParameters
  {
    /** Mesh volume region (gmsh physical group). */
    std::string name;
    Tissue      tissue;
  };

  enum class BoundaryType
  {
    /** c = background level of the adjacent tissue (far field). */
    background,
    /** Closed wall. */
    no_flux,
    /** Robin: outflow = beta (c - c_b) (e.g. artery lumen). */
    washout
  };

  struct BoundaryParameters
  {
    /** Mesh boundary (gmsh physical surface). */
    std::string  name;
    BoundaryType type = BoundaryType::background;
    /** Mass-transfer coefficient for Mg2+ [m/s] (washout). */
    double mg_mass_transfer = 0;
    /** Mass-transfer coefficient for H2 [m/s] (washout). */
    double h2_mass_transfer = 0;
  };

  enum class TimeScheme
  {
    backward_euler,
    bdf2
  };

  struct TimeParameters
  {
    double     end_time  = 0; ///< [s]
    double     time_step = 0; ///< [s]
    TimeScheme scheme    = TimeScheme::bdf2;
    /** Adapt the step to the Mg2+ field's curvature in time. */
    bool adaptive = false;
    /** Allowed deviation of Mg2+ from its linear trend per step [mol/m^3]. */
    double adaptive_tolerance = 0.01;
    double min_step           = 60;    ///< [s]
    double max_step           = 86400; ///< [s]
  };

  struct SolverParameters
  {
    unsigned int fe_degree = 1;
    /** CG stopping criterion relative to the right-hand side norm. */
    double linear_tolerance = 1e-11;
    /** BoomerAMG strong threshold (0.5-0.7 suit 3D Laplacians). */
    double amg_strong_threshold = 0.5;
  };

  /**
   * @brief Adaptive mesh refinement: the Kelly indicator of Mg2+ in the
   * tissue, plus the tissue next to the corrosion front at the finest level.
   */
  struct AdaptivityParameters
  {
    bool enabled = false;
    /** Time between adaptations [s]. */
    double interval = 6 * 3600;
    /** Levels of refinement allowed beyond the initial mesh. */
    unsigned int max_levels = 2;
    /** Upper bound on the number of cells. */
    unsigned int max_cells = 500000;
    /** Fractions of cells refined / coarsened per adaptation. */
    double refine_fraction  = 0.3;
    double coarsen_fraction = 0.1;
  };

  /** @brief Mg2+ concentration bands (SCIENCE.md §4). */
  struct ThresholdParameters
  {
    /**
     * Increasing band edges [mol/m^3]; default: normal 0.75-1.25 mM,
     * osteogenic 5-10 mM, anti-tumour >= 20 mM, normal-cell stress >= 30 mM.
     */
    std::vector<double> band_edges = {0.75, 1.25, 5, 10, 20, 30};
    /** Anti-tumour level [mol/m^3] (one of the band edges). */
    double anti_tumour = 20;
    /** Level that stresses normal cells [mol/m^3] (a band edge). */
    double normal_stress = 30;
    /** Osteogenic window [mol/m^3] (two band edges). */
    double osteogenic_low = 5, osteogenic_high = 10;
    /**
     * A tumour point counts as covered once it has spent this long [s] at
     * or above anti_tumour.
     */
    double tumour_min_duration = 24 * 3600.0;
  };

  /** @brief H2 gas exchange (SCIENCE.md §2). */
  struct GasParameters
  {
    bool enabled = true;
    /** kappa_g: rate at which supersaturated H2 turns into gas [1/s]. */
    double nucleation_rate = 1e-3;
    /** kappa_d: rate at which gas redissolves into undersaturated tissue [1/s].
     */
    double redissolution_rate = 1e-5;
    double temperature        = 310.15; ///< [K]
    double pressure           = 101325; ///< [Pa]
  };

  struct OutputParameters
  {
    std::string directory;
    /** Interval between ParaView outputs [s]; 0 = only first and last. */
    double interval  = 0;
    bool   write_vtu = true;
  };

  /** @brief When a run saves a checkpoint to resume from (both 0: never). */
  struct CheckpointParameters
  {
    /** Simulated time between checkpoints [s]. */
    double interval = 0;
    /** Wall-clock time between checkpoints [s] (for batch time limits). */
    double wall_interval = 0;

    bool
    enabled() const
    {
      return interval > 0 || wall_interval > 0;
    }
  };

  /** @brief A fully resolved case. */
  struct CaseParameters
  {
    std::string                     case_file;
    MeshParameters                  mesh;
    ImplantParameters               implant;
    std::vector<RegionParameters>   regions;
    std::vector<BoundaryParameters> boundaries;
    TimeParameters                  time;
    SolverParameters                solver;
    AdaptivityParameters            adaptivity;
    ThresholdParameters             thresholds;
    GasParameters                   gas;
    OutputParameters                output;
    CheckpointParameters            checkpoint;
    /** Every value used, with unit and source, in case-file order. */
    std::vector<ResolvedParameter> resolved;

    /** The region called @p name, or nullptr. */
    const RegionParameters *
    find_region(const std::string &name) const;
    /** The boundary called @p name, or nullptr. */
    const BoundaryParameters *
    find_boundary(const std::string &name) const;
  };

  /**
   * Reads and validates a case file. @p overrides are "section.key=value"
   * strings (from --set). Throws InputError on any problem.
   */
  CaseParameters
  read_case(const std::string              &case_file,
            const std::vector<std::string> &overrides);

  /** Writes a case file that reproduces @p parameters exactly. */
  void
  write_resolved_case(std::ostream &out, const CaseParameters &parameters);

  /** Prints the resolved parameters as a table (for `mgsim check`). */
  void
  print_resolved_parameters(std::ostream         &out,
                            const CaseParameters &parameters);
} // namespace mgsim
