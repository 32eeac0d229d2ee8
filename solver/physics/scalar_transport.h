// One scalar diffusion-reaction field in the tissue (used for Mg2+ and for
// dissolved H2, doc/model.md §2):
//   alpha dc/dt = div(alpha D grad c) - alpha k (c - c_b) + sources,
// with region-wise alpha, D, k, c_b, far-field (Dirichlet), no-flux or washout
// (Robin) boundaries, backward Euler or variable-step BDF2 in time. Matrices
// are assembled once per mesh; a new step length moves the system matrix by
// an axpy with the mass matrix, implant cells that open add their own terms.
// Each step is solved by CG + BoomerAMG (the hierarchy kept until CG slows
// down) from the best guess in the span of recent solutions, to a stopping
// test in concentration units (doc/model.md §6). Each step books released,
// cleared and boundary amounts with the time scheme's own recurrence, so the
// discrete mass balance is exact up to the linear solver.
#pragma once

#include "base/linear_algebra.h"
#include "input/tissue_database.h"
#include "physics/amg_preconditioner.h"
#include "physics/solution_subspace.h"

#include <deal.II/base/index_set.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/hp/q_collection.h>
#include <deal.II/lac/affine_constraints.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace mgsim
{
  /** @brief What defines one transported species on a given mesh. */
  struct TransportSetup
  {
    /** Species name for messages ("Mg2+", "H2"). */
    std::string name;
    /** Coefficients per tissue material id (cells with FE_Q). */
    std::map<dealii::types::material_id, SpeciesCoefficients> coefficients;
    /** Boundaries held at the adjacent background level. */
    std::set<dealii::types::boundary_id> background_boundaries;
    /** Washout boundaries and their mass-transfer coefficient [m/s]. */
    std::map<dealii::types::boundary_id, double> washout_boundaries;
    double                                       linear_tolerance     = 1e-12;
    double                                       amg_strong_threshold = 0.7;
  };

  /**
   * @brief Cumulative amounts of one species since t = 0 [mol].
   *
   * content = released - cleared - boundary_outflow holds discretely.
   */
  struct TransportLedger
  {
    /** Moles above the initial state held in the tissue. */
    double content = 0;
    /** Moles injected by sources (implant surface). */
    double released = 0;
    /** Moles removed by perfusion (negative if blood supplies). */
    double cleared = 0;
    /** Moles that left through the outer boundaries. */
    double boundary_outflow = 0;

    /** |content - (released - cleared - boundary)| [mol]: what the
     * numerics created or lost. */
    double
    imbalance() const;

    /** imbalance() / released (0 if nothing released). */
    double
    balance_error() const;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &content &released &cleared &boundary_outflow;
    }
  };

  /**
   * @brief The scalars a transport needs to continue its time stepping
   * exactly (BDF2 history, ledgers); its vectors go with the mesh.
   */
  struct TransportScalars
  {
    double          initial_content = 0;
    double          previous_step   = 0;
    bool            have_history    = false;
    TransportLedger ledger, previous_ledger;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &initial_content &previous_step &have_history &ledger
        &previous_ledger;
    }
  };

  /** @brief Linear-solver figures of the last step. */
  struct SolverStatistics
  {
    unsigned int iterations        = 0;
    double       assembly_seconds  = 0;
    double       amg_setup_seconds = 0;
    double       solve_seconds     = 0;
    /**
     * Largest deviation of the new solution from the linear extrapolation
     * of the last two [mol/m^3] (~ dt^2 |c''|): the time-step controller's
     * error indicator.
     */
    double trend_deviation = 0;
  };

  class ScalarTransport
  {
  public:
    ScalarTransport(const dealii::DoFHandler<3>      &dof_handler,
                    const dealii::hp::QCollection<3> &cell_quadrature,
                    const dealii::hp::QCollection<2> &face_quadrature,
                    TransportSetup                    setup);

    /**
     * Builds sparsity, mass/stiffness/clearance matrices and the background
     * field; sets c = background (call after dof distribution).
     */
    void
    setup_system();

    /**
     * Implant cells that have become tissue (material changed; @p opened
     * holds the locally owned and ghost ones): adds their terms to the
     * operators, gives their new nodes values from the neighbours and keeps
     * the content above background exactly. The ledger continues; the time
     * history restarts (next step backward Euler).
     */
    void
    open_cells(
      const std::vector<dealii::DoFHandler<3>::active_cell_iterator> &opened);

    /**
     * After the mesh was adapted and the DoFs redistributed: rebuilds the
     * operators and continues from @p transferred (the state interpolated
     * onto the new mesh), keeping the content above background exactly.
     */
    void
    adopt_mesh(const VectorType &transferred);

    /** Replaces the current state (and history) by @p initial. */
    void
    set_state(const VectorType &initial);

    /**
     * For a checkpoint: the state vectors with ghost values (current
     * solution, the one before it, the previous step's injection; between
     * steps the "old" solution equals the current one) and the scalars.
     */
    std::vector<VectorType>
    checkpoint_vectors() const;
    /** How many vectors checkpoint_vectors() returns. */
    static constexpr unsigned int n_checkpoint_vectors = 3;
    TransportScalars
    checkpoint_scalars() const;

    /**
     * Continues from a checkpoint on the same mesh: @p vectors as returned
     * by checkpoint_vectors() (locally owned entries), @p scalars likewise.
     */
    void
    restore(const std::vector<VectorType> &vectors,
            const TransportScalars        &scalars);

    /**
     * Advances by @p dt [s]. @p source (mol/s per test function, e.g. the
     * implant surface integral of J phi_i) is multiplied by @p source_scale.
     * @p order is 1 (backward Euler) or 2 (BDF2; falls back to 1 on the first
     * step).
     */
    void
    advance(double            dt,
            unsigned int      order,
            const VectorType &source,
            double            source_scale);

    /**
     * Advances by @p dt [s] while injecting @p amounts times @p scale [mol
     * per test function] over the step, e.g. the Mg that left the implant,
     * integrated exactly in time. The released total then equals the sum of
     * the injected amounts exactly, also for BDF2: the step's source is
     * (a0 Q_n - a2 Q_{n-1}) / dt, which makes the scheme's content recurrence
     * add exactly Q_n (a0 + a1 + a2 = 0).
     */
    void
    advance_injecting(double            dt,
                      unsigned int      order,
                      const VectorType &amounts,
                      double            scale);

    /**
     * What a unit change of each DoF's value adds to the content [m^3]:
     * the content weights condensed onto the free DoFs (tissue, neither
     * Dirichlet nor hanging), 0 elsewhere. remove_at_nodes() moves values
     * by these weights.
     */
    VectorType
    free_content_weights() const;

    /**
     * Takes @p moles [mol per DoF; nonzero only where
     * free_content_weights() is] out of the solution where they are: each
     * free DoF's value falls by its moles over its weight, hanging nodes
     * follow their masters, and the history falls with the state, so the
     * next step sees no rate. The content falls by exactly their sum,
     * booked as a negative release. For a phase that reacts node by node
     * (Mg(OH)2): an injection into the step would be spread over the
     * neighbours by the consistent mass matrix, which a reaction that
     * empties a node turns into oscillations.
     */
    void
    remove_at_nodes(const VectorType &moles);

    /** Current solution with ghost values (for output and evaluation). */
    const VectorType &
    solution() const
    {
      return ghosted_solution;
    }

    /** 1 on tissue nodes, 0 on implant nodes (locally owned entries). */
    const VectorType &
    active_dofs() const
    {
      return active;
    }

    /** Background field c_b (nodal average over adjacent tissues) [mol/m^3]. */
    const VectorType &
    background() const
    {
      return background_field;
    }

    /**
     * int alpha phi_i dV [m^3]: content = weights . c. For H2 (alpha = 1)
     * the lumped volume of each DoF.
     */
    const VectorType &
    content_weights_vector() const
    {
      return content_weights;
    }

    const TransportLedger &
    ledger() const
    {
      return ledger_;
    }

    const SolverStatistics &
    last_step() const
    {
      return statistics;
    }

    /** Largest nodal value [mol/m^3]. */
    double
    max_value() const;

    /** Smallest nodal value [mol/m^3]. */
    double
    min_value() const;

    const std::string &
    name() const
    {
      return setup_data.name;
    }

  private:
    /** a0 c^{n+1} + a1 c^n + a2 c^{n-1} = dt (...). */
    struct BdfCoefficients
    {
      double a0 = 1, a1 = -1, a2 = 0, omega = 0;
    };
    BdfCoefficients
    coefficients(double dt, unsigned int order) const;
    /**
     * One time step with right-hand side source @p source [mol/s per test
     * function]. @p released_increment: the moles injected in this step if
     * known exactly; otherwise the release is booked from sum(source).
     */
    void
    solve_step(double                 dt,
               const BdfCoefficients &bdf,
               const VectorType      &source,
               std::optional<double>  released_increment);

    struct CellTerms;
    void
    assemble_cell(const dealii::DoFHandler<3>::active_cell_iterator &cell,
                  dealii::hp::FEValues<3>     &hp_fe_values,
                  dealii::hp::FEFaceValues<3> &hp_face_values,
                  CellTerms                   &terms) const;
    /**
     * Calls @p use with the terms of every locally owned tissue cell (of
     * @p only, if given).
     */
    void
    for_each_cell(const std::function<void(const CellTerms &)> &use,
                  const std::vector<dealii::DoFHandler<3>::active_cell_iterator>
                    *only = nullptr) const;
    /**
     * Continues from state @p c (changed in place) after a change of cells:
     * takes back any change of the content above background on
     * @p correction_dofs (or everywhere), restarts the time history.
     */
    void
    restart_from(
      VectorType                                         &c,
      const std::vector<dealii::types::global_dof_index> &correction_dofs,
      double                                              content_before);
    /**
     * Shifts the free DoFs' values of the solution so that the residual of
     * A c = @p rhs sums to zero over them: the ledger's balance then holds
     * whatever the stopping test left.
     */
    void
    close_mass_balance(const VectorType &rhs);
    /** Sum of @p v over the Dirichlet DoFs (all ranks). */
    double
    sum_at_dirichlet(const VectorType &v) const;
    /** v <- C^T v for the hanging-node constraints. */
    void
    condense(VectorType &v) const;
    /** Index sets, constraints, sparsity, operators, background. */
    void
    build_operators();
    void
    assemble_operators();
    /** Adds one cell's terms to the operators (compress afterwards). */
    void
    add_cell_terms(const CellTerms &terms);
    void
    compress_operators();
    /** Zero entries for the couplings of implant cells in @p matrix. */
    void
    reserve_implant_entries(MatrixType &matrix) const;
    /**
     * The free DoFs' indicator 1_F from the tissue DoFs and the constraints:
     * called whenever either changes (not with the matrix).
     */
    void
    update_free_dofs();
    /**
     * What follows the system matrix: 1 / its diagonal (stopping test) and
     * its free DoFs' row sums (mass balance). Called whenever it changes.
     */
    void
    update_matrix_vectors();
    void
    build_amg();
    bool
    is_tissue(const dealii::DoFHandler<3>::active_cell_iterator &cell) const;
    /** 1 at DoFs of tissue cells, 0 at implant-only DoFs. */
    VectorType
    tissue_indicator() const;
    void
    assemble_system_matrix(double mass_factor);
    void
    compute_background_field();
    void
    make_constraints();

    const dealii::DoFHandler<3>     &dof_handler;
    const dealii::hp::QCollection<3> cell_quadrature;
    const dealii::hp::QCollection<2> face_quadrature;
    const TransportSetup             setup_data;
    const MPI_Comm                   comm;

    dealii::IndexSet                  owned_dofs;
    dealii::IndexSet                  relevant_dofs;
    dealii::AffineConstraints<double> constraints;
    /** Owned DoFs with a Dirichlet (background) constraint. */
    std::vector<dealii::types::global_dof_index> dirichlet_dofs;
    /** Locally relevant DoFs with a Dirichlet constraint. */
    dealii::IndexSet relevant_dirichlet_dofs;
    /** Owned hanging nodes (constrained to other DoFs). */
    std::vector<dealii::types::global_dof_index> hanging_dofs;

    /**
     * M with constraints: the history's part of the right-hand side, and
     * what moves the system matrix to a new step length. The unconstrained
     * M and L are not kept (they would double the memory): what the
     * constrained equations need of them is the lift L g of the Dirichlet
     * values and their rows at the Dirichlet DoFs, gathered per cell below.
     */
    MatrixType constrained_mass_matrix;
    /** mass_factor * M + L with constraints, what CG solves. */
    MatrixType system_matrix;
    double     system_mass_factor = 0;
    /** Sums of the cells' diagonal entries of M and L, and their count. */
    struct DiagonalSums
    {
      double mass = 0, operator_ = 0, count = 0;
    } diagonal_sums;
    /** The mass factor of the matrix the AMG was built from. */
    double amg_mass_factor = 0;
    /** Whether the system matrix is still the one the AMG was built from. */
    bool amg_matches_matrix = false;
    /** Most CG iterations seen with an up-to-date hierarchy. */
    unsigned int amg_iterations = 0;
    /** 1 at DoFs that touch a tissue cell, 0 at implant-only DoFs. */
    VectorType active;
    /**
     * Diagonal entry of the implant-only DoFs' rows in the system matrix (0
     * until the first step sets it).
     */
    double                             inactive_diagonal = 0;
    std::unique_ptr<AmgPreconditioner> amg;
    /** 1 / diagonal of system_matrix. */
    VectorType inverse_diagonal;
    /**
     * The indicator 1_F of the free DoFs (tissue, neither Dirichlet nor
     * hanging), A 1_F and 1_F^T A 1_F: what close_mass_balance() needs.
     */
    VectorType free_dofs, free_operator_sums;
    double     free_stiffness = 0;
    /** Where the initial guesses come from. */
    SolutionSubspace recent_solutions;

    /** Linear functionals: content (int alpha phi_i), clearance (int alpha k
     * phi_i), washout. */
    VectorType content_weights, clearance_weights, washout_weights;
    /** Constant right-hand sides: int alpha k c_b phi_i, washout int beta c_b
     * phi_i. */
    VectorType clearance_background_rhs, washout_background_rhs;
    /** Their sums: int alpha k c_b dV, int beta c_b dS [mol/s]. */
    double clearance_background_total = 0, washout_background_total = 0;
    /**
     * L g: the unconstrained L applied to the constrained values g
     * (Dirichlet values, and hanging nodes between them; free DoFs 0). The
     * mass part of the lift cancels against the history's constrained
     * values, which are g times the mass factor.
     */
    VectorType dirichlet_lift;
    /**
     * M 1_D and L 1_D for the indicator 1_D of the Dirichlet DoFs: the sums
     * of the unconstrained equations' rows there, whose residual is what
     * leaves through those boundaries (the ledger).
     */
    VectorType dirichlet_mass_rows, dirichlet_operator_rows;

    VectorType background_field;
    VectorType old_solution, older_solution, current_solution;
    /** What advance_injecting() injected in the previous step [mol]. */
    VectorType previous_injection;
    VectorType ghosted_solution;

    double           initial_content = 0;
    double           previous_step   = 0;
    bool             have_history    = false;
    TransportLedger  ledger_, previous_ledger_;
    SolverStatistics statistics;
  };
} // namespace mgsim
