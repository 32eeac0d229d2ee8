#include "physics/scalar_transport.h"

#include "base/petsc_arrays.h"
#include "base/run_failure.h"
#include "physics/concentration_cg.h"
#include "physics/new_dof_values.h"
#include "physics/nodal_average.h"

#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/sparsity_tools.h>

#include <petscsys.h>

#include <cmath>
#include <functional>
#include <limits>

namespace mgsim
{
  using namespace dealii;

  /** Contributions of one tissue cell (and its washout faces). */
  struct ScalarTransport::CellTerms
  {
    FullMatrix<double> mass, operator_;
    Vector<double>     content, clearance, washout, clearance_rhs, washout_rhs;
    std::vector<types::global_dof_index> dofs;
  };

  double
  TransportLedger::imbalance() const
  {
    return std::abs(content - (released - cleared - boundary_outflow));
  }

  double
  TransportLedger::balance_error() const
  {
    if (released == 0)
      return 0;
    return imbalance() / std::abs(released);
  }

  ScalarTransport::ScalarTransport(const DoFHandler<3>      &dof_handler,
                                   const hp::QCollection<3> &cell_quadrature,
                                   const hp::QCollection<2> &face_quadrature,
                                   TransportSetup            setup)
    : dof_handler(dof_handler)
    , cell_quadrature(cell_quadrature)
    , face_quadrature(face_quadrature)
    , setup_data(std::move(setup))
    , comm(dof_handler.get_communicator())
  {
  }

  void
  ScalarTransport::setup_system()
  {
    build_operators();
    set_state(background_field);
  }

  bool
  ScalarTransport::is_tissue(
    const DoFHandler<3>::active_cell_iterator &cell) const
  {
    return setup_data.coefficients.count(cell->material_id()) > 0;
  }

  VectorType
  ScalarTransport::tissue_indicator() const
  {
    std::map<types::material_id, double> ones;
    for (const auto &[id, k] : setup_data.coefficients)
      ones[id] = 1;
    return nodal_average(dof_handler, ones);
  }

  void
  ScalarTransport::open_cells(
    const std::vector<DoFHandler<3>::active_cell_iterator> &opened)
  {
    const double     content_before = ledger_.content;
    const VectorType was_active(active);
    VectorType       c(current_solution);
    compute_background_field();
    active = tissue_indicator();

    // DoFs that join the tissue now, and the owned DoFs of the opened cells.
    std::vector<types::global_dof_index> joining, cell_dofs, opened_dofs;
    for (const auto i : owned_dofs)
      if (active(i) > 0 && was_active(i) == 0)
        joining.push_back(i);
    for (const auto &cell : opened)
      {
        cell_dofs.resize(cell->get_fe().n_dofs_per_cell());
        cell->get_dof_indices(cell_dofs);
        for (const auto i : cell_dofs)
          if (owned_dofs.is_element(i))
            opened_dofs.push_back(i);
      }

    // A joining DoF on a far-field boundary needs a new constraint: rare
    // (an implant reaching the outer boundary); rebuild everything then.
    unsigned int new_dirichlet = 0;
    if (!setup_data.background_boundaries.empty())
      {
        const IndexSet boundary =
          DoFTools::extract_boundary_dofs(dof_handler,
                                          ComponentMask(),
                                          setup_data.background_boundaries);
        for (const auto i : joining)
          new_dirichlet += boundary.is_element(i) ? 1 : 0;
      }
    if (Utilities::MPI::sum(new_dirichlet, comm) > 0)
      build_operators();
    else
      {
        // Only the opened cells change the operators: add their terms, and
        // drop the placeholder rows of the joining DoFs.
        for_each_cell([&](const CellTerms &terms) { add_cell_terms(terms); },
                      &opened);
        if (inactive_diagonal > 0)
          for (const auto i : joining)
            system_matrix.add(i, i, -inactive_diagonal);
        amg_matches_matrix = false;
        compress_operators();
        update_free_dofs();
        update_matrix_vectors();
        recent_solutions.refresh(system_matrix,
                                 system_mass_factor,
                                 constrained_mass_matrix);
      }

    fill_new_dof_values(dof_handler, opened, was_active, c);
    restart_from(c, opened_dofs, content_before);
  }

  void
  ScalarTransport::adopt_mesh(const VectorType &transferred)
  {
    const double content_before = ledger_.content;
    VectorType   c(transferred);
    build_operators();
    restart_from(c, {}, content_before);
  }

  void
  ScalarTransport::restart_from(
    VectorType                                 &c,
    const std::vector<types::global_dof_index> &correction_dofs,
    const double                                content_before)
  {
    // New tissue cells bring their background level with them (blood
    // supplies it, not the implant): the content's baseline moves with it.
    initial_content = content_weights * background_field;

    // Whatever mass the change created or lost (new cells filled from their
    // neighbours, interpolation when coarsening) is taken back by scaling
    // the excess over background on @p correction_dofs (or, if that cannot
    // absorb it, everywhere): c_b + (1 - lambda) (c - c_b) keeps every value
    // between c and c_b, so nothing turns negative. Only unconstrained DoFs
    // move; their weights include what hanging nodes inherit from them.
    constraints.distribute(c);
    const double defect =
      content_weights * c - initial_content - content_before;
    VectorType condensed_weights(content_weights);
    condense(condensed_weights);
    // Collective: weight and defect are global, so every rank takes the
    // same branch. The everywhere-direction is built only when needed.
    const auto take_back_on = [&](const auto &dofs) {
      VectorType direction(owned_dofs, comm);
      for (const auto i : dofs)
        if (!constraints.is_constrained(i))
          direction(i) = c(i) - background_field(i);
      direction.compress(VectorOperation::insert);
      const double weight = condensed_weights * direction;
      if (!(weight > 0 && defect <= weight))
        return false;
      c.add(-defect / weight, direction);
      constraints.distribute(c);
      return true;
    };
    if (!take_back_on(correction_dofs))
      take_back_on(owned_dofs);

    current_solution = c;
    old_solution     = c;
    older_solution   = c;
    ghosted_solution = c;
    // The history of new DoFs is unknown: the next step is backward Euler.
    have_history       = false;
    previous_injection = 0;
    ledger_.content    = content_weights * c - initial_content;
    previous_ledger_   = ledger_;
  }

  void
  ScalarTransport::condense(VectorType &v) const
  {
    // v <- C^T v for the hanging-node constraints: each hanging DoF hands
    // its entry to its masters (which may live on another rank).
    std::vector<types::global_dof_index> indices;
    std::vector<double>                  values;
    for (const auto j : hanging_dofs)
      {
        const double value = v(j);
        for (const auto &[i, weight] : *constraints.get_constraint_entries(j))
          {
            indices.push_back(i);
            values.push_back(weight * value);
          }
        indices.push_back(j);
        values.push_back(-value);
      }
    VectorType moved(owned_dofs, comm);
    moved.add(indices, values);
    moved.compress(VectorOperation::add);
    v += moved;
  }

  void
  ScalarTransport::build_operators()
  {
    owned_dofs    = dof_handler.locally_owned_dofs();
    relevant_dofs = DoFTools::extract_locally_relevant_dofs(dof_handler);

    for (VectorType *v : {&content_weights,
                          &clearance_weights,
                          &washout_weights,
                          &clearance_background_rhs,
                          &washout_background_rhs,
                          &dirichlet_lift,
                          &dirichlet_mass_rows,
                          &dirichlet_operator_rows,
                          &background_field,
                          &old_solution,
                          &older_solution,
                          &current_solution,
                          &previous_injection,
                          &active})
      v->reinit(owned_dofs, comm);
    ghosted_solution.reinit(owned_dofs, relevant_dofs, comm);

    compute_background_field();
    active = tissue_indicator();
    make_constraints();

    // The pattern keeps constrained DoFs (keep_constrained_dofs = true):
    // cells that open later add their terms without a new pattern.
    DynamicSparsityPattern dsp(relevant_dofs);
    DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, true);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               owned_dofs,
                                               comm,
                                               relevant_dofs);
    constrained_mass_matrix.reinit(owned_dofs, owned_dofs, dsp, comm);
    // Same pattern: a copy of the structure is cheaper than a second
    // preallocation from the pattern.
    system_matrix.reinit(constrained_mass_matrix);
    amg.reset();
    recent_solutions.clear();

    assemble_operators();
  }

  void
  ScalarTransport::compute_background_field()
  {
    std::map<types::material_id, double> levels;
    for (const auto &[id, k] : setup_data.coefficients)
      levels[id] = k.background;
    background_field = nodal_average(dof_handler, levels);
  }

  void
  ScalarTransport::make_constraints()
  {
    constraints.clear();
    constraints.reinit(relevant_dofs);
    DoFTools::make_hanging_node_constraints(dof_handler, constraints);

    dirichlet_dofs.clear();
    relevant_dirichlet_dofs = IndexSet(dof_handler.n_dofs());
    if (!setup_data.background_boundaries.empty())
      {
        VectorType ghosted_background(owned_dofs, relevant_dofs, comm);
        ghosted_background = background_field;
        VectorType ghosted_active(owned_dofs, relevant_dofs, comm);
        ghosted_active = active;
        const IndexSet boundary_dofs =
          DoFTools::extract_boundary_dofs(dof_handler,
                                          ComponentMask(),
                                          setup_data.background_boundaries);
        // Only tissue DoFs: implant nodes on the boundary have no background
        // yet; they get their constraint when they join (open_cells()).
        for (const auto i : boundary_dofs)
          if (relevant_dofs.is_element(i) && ghosted_active(i) > 0 &&
              !constraints.is_constrained(i))
            {
              constraints.add_line(i);
              constraints.set_inhomogeneity(i, ghosted_background(i));
              relevant_dirichlet_dofs.add_index(i);
              if (owned_dofs.is_element(i))
                {
                  dirichlet_dofs.push_back(i);
                }
            }
      }
    constraints.close();
    relevant_dirichlet_dofs.compress();
    update_free_dofs();
    hanging_dofs.clear();
    for (const auto i : owned_dofs)
      if (constraints.is_constrained(i) &&
          !constraints.get_constraint_entries(i)->empty())
        hanging_dofs.push_back(i);
  }

  void
  ScalarTransport::assemble_cell(
    const DoFHandler<3>::active_cell_iterator &cell,
    hp::FEValues<3>                           &hp_fe_values,
    hp::FEFaceValues<3>                       &hp_face_values,
    CellTerms                                 &terms) const
  {
    const unsigned int n = cell->get_fe().n_dofs_per_cell();
    terms.mass.reinit(n, n);
    terms.operator_.reinit(n, n);
    for (Vector<double> *v : {&terms.content,
                              &terms.clearance,
                              &terms.washout,
                              &terms.clearance_rhs,
                              &terms.washout_rhs})
      v->reinit(n);
    terms.dofs.resize(n);
    cell->get_dof_indices(terms.dofs);

    const SpeciesCoefficients &k =
      setup_data.coefficients.at(cell->material_id());
    hp_fe_values.reinit(cell);
    const FEValues<3> &fe_values = hp_fe_values.get_present_fe_values();
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double JxW = fe_values.JxW(q);
        for (unsigned int i = 0; i < n; ++i)
          {
            const double phi_i = fe_values.shape_value(i, q);
            terms.content(i) += k.volume_fraction * phi_i * JxW;
            terms.clearance(i) += k.volume_fraction * k.clearance * phi_i * JxW;
            terms.clearance_rhs(i) +=
              k.volume_fraction * k.clearance * k.background * phi_i * JxW;
            for (unsigned int j = 0; j < n; ++j)
              {
                const double phi_j = fe_values.shape_value(j, q);
                terms.mass(i, j) += k.volume_fraction * phi_i * phi_j * JxW;
                terms.operator_(i, j) +=
                  k.volume_fraction *
                  (k.diffusivity *
                     (fe_values.shape_grad(i, q) * fe_values.shape_grad(j, q)) +
                   k.clearance * phi_i * phi_j) *
                  JxW;
              }
          }
      }

    for (const unsigned int f : cell->face_indices())
      {
        if (!cell->at_boundary(f))
          continue;
        const auto washout =
          setup_data.washout_boundaries.find(cell->face(f)->boundary_id());
        if (washout == setup_data.washout_boundaries.end())
          continue;
        const double beta = washout->second;
        hp_face_values.reinit(cell, f);
        const FEFaceValues<3> &fv = hp_face_values.get_present_fe_values();
        for (const unsigned int q : fv.quadrature_point_indices())
          for (unsigned int i = 0; i < n; ++i)
            {
              const double phi_i = fv.shape_value(i, q) * fv.JxW(q);
              terms.washout(i) += beta * phi_i;
              terms.washout_rhs(i) += beta * k.background * phi_i;
              for (unsigned int j = 0; j < n; ++j)
                terms.operator_(i, j) += beta * phi_i * fv.shape_value(j, q);
            }
      }
  }

  void
  ScalarTransport::for_each_cell(
    const std::function<void(const CellTerms &)>           &use,
    const std::vector<DoFHandler<3>::active_cell_iterator> *only) const
  {
    hp::FEValues<3>     hp_fe_values(dof_handler.get_fe_collection(),
                                 cell_quadrature,
                                 update_values | update_gradients |
                                   update_JxW_values);
    hp::FEFaceValues<3> hp_face_values(dof_handler.get_fe_collection(),
                                       face_quadrature,
                                       update_values | update_JxW_values);
    CellTerms           terms;
    const auto visit = [&](const DoFHandler<3>::active_cell_iterator &cell) {
      if (cell->is_locally_owned() && is_tissue(cell))
        {
          assemble_cell(cell, hp_fe_values, hp_face_values, terms);
          use(terms);
        }
    };
    if (only)
      for (const auto &cell : *only)
        visit(cell);
    else
      for (const auto &cell : dof_handler.active_cell_iterators())
        visit(cell);
  }

  void
  ScalarTransport::add_cell_terms(const CellTerms &terms)
  {
    constraints.distribute_local_to_global(terms.mass,
                                           terms.dofs,
                                           constrained_mass_matrix);
    // The system matrix at its present mass factor, from the same terms;
    // AffineConstraints does the symmetric elimination, which keeps it SPD
    // for CG (a constrained row's diagonal is the sum of the cells' |a_ii|,
    // linear in the mass factor as M's and L's diagonals are positive).
    FullMatrix<double> cell_matrix(terms.operator_);
    cell_matrix.add(system_mass_factor, terms.mass);
    constraints.distribute_local_to_global(cell_matrix,
                                           terms.dofs,
                                           system_matrix);
    for (unsigned int i = 0; i < cell_matrix.m(); ++i)
      {
        diagonal_sums.mass += terms.mass(i, i);
        diagonal_sums.operator_ += terms.operator_(i, i);
      }
    diagonal_sums.count += cell_matrix.m();
    // The unconstrained terms at the constrained values g (their value
    // after distribute(): the inhomogeneity) and at the Dirichlet DoFs.
    const unsigned int n = terms.dofs.size();
    Vector<double>     g(n), at_dirichlet(n);
    bool               touches_boundary = false;
    for (unsigned int i = 0; i < n; ++i)
      if (constraints.is_constrained(terms.dofs[i]))
        {
          g(i) = constraints.get_inhomogeneity(terms.dofs[i]);
          at_dirichlet(i) =
            relevant_dirichlet_dofs.is_element(terms.dofs[i]) ? 1 : 0;
          touches_boundary =
            touches_boundary || g(i) != 0 || at_dirichlet(i) != 0;
        }
    if (touches_boundary)
      {
        Vector<double> product(n);
        terms.operator_.vmult(product, g);
        dirichlet_lift.add(terms.dofs, product);
        terms.mass.Tvmult(product, at_dirichlet);
        dirichlet_mass_rows.add(terms.dofs, product);
        terms.operator_.Tvmult(product, at_dirichlet);
        dirichlet_operator_rows.add(terms.dofs, product);
      }
    content_weights.add(terms.dofs, terms.content);
    clearance_weights.add(terms.dofs, terms.clearance);
    washout_weights.add(terms.dofs, terms.washout);
    clearance_background_rhs.add(terms.dofs, terms.clearance_rhs);
    washout_background_rhs.add(terms.dofs, terms.washout_rhs);
  }

  void
  ScalarTransport::compress_operators()
  {
    constrained_mass_matrix.compress(VectorOperation::add);
    system_matrix.compress(VectorOperation::add);
    for (VectorType *v : {&content_weights,
                          &clearance_weights,
                          &washout_weights,
                          &clearance_background_rhs,
                          &washout_background_rhs,
                          &dirichlet_lift,
                          &dirichlet_mass_rows,
                          &dirichlet_operator_rows})
      v->compress(VectorOperation::add);
    clearance_background_total = total(clearance_background_rhs);
    washout_background_total   = total(washout_background_rhs);
  }

  void
  ScalarTransport::reserve_implant_entries(MatrixType &matrix) const
  {
    // PETSc squeezes out unused entries at assembly; explicit zeros keep the
    // couplings of implant cells, so that their terms can be added when
    // they open without a new sparsity pattern.
    FullMatrix<double> zeros(dof_handler.get_fe().n_dofs_per_cell(),
                             dof_handler.get_fe().n_dofs_per_cell());
    std::vector<types::global_dof_index> dofs(zeros.m());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && !is_tissue(cell))
        {
          cell->get_dof_indices(dofs);
          matrix.add(dofs, zeros, false);
        }
  }

  void
  ScalarTransport::assemble_operators()
  {
    // The system matrix starts as L (mass factor 0): the first step moves
    // it to its own f M + L with an axpy, as any later step length does.
    constrained_mass_matrix = 0;
    system_matrix           = 0;
    system_mass_factor      = 0;
    inactive_diagonal       = 0;
    diagonal_sums           = DiagonalSums();
    for (VectorType *v : {&content_weights,
                          &clearance_weights,
                          &washout_weights,
                          &clearance_background_rhs,
                          &washout_background_rhs,
                          &dirichlet_lift,
                          &dirichlet_mass_rows,
                          &dirichlet_operator_rows})
      *v = 0;
    reserve_implant_entries(constrained_mass_matrix);
    reserve_implant_entries(system_matrix);
    for_each_cell([&](const CellTerms &terms) { add_cell_terms(terms); });
    compress_operators();
  }

  void
  ScalarTransport::assemble_system_matrix(const double mass_factor)
  {
    Timer timer;
    amg_matches_matrix = false;
    // A new step length only moves the mass term: one sparse axpy with the
    // constrained mass matrix instead of a cell loop (steps that end when a
    // cell empties all differ). Its entries are a subset of the system
    // matrix's.
    MatAXPY(system_matrix.petsc_matrix(),
            mass_factor - system_mass_factor,
            constrained_mass_matrix.petsc_matrix(),
            SUBSET_NONZERO_PATTERN);
    if (inactive_diagonal == 0)
      {
        // Implant nodes carry no concentration: a diagonal-only row keeps
        // CG's matrix regular (their right-hand side is 0, so is their
        // value). Its entry is a power of 2 near a tissue node's diagonal
        // (8 cells): a unit entry next to cell terms of ~1e-12 would lose
        // their digits when the node joins and the entry is taken out again.
        const double mean_node_diagonal =
          8 *
          (mass_factor * Utilities::MPI::sum(diagonal_sums.mass, comm) +
           Utilities::MPI::sum(diagonal_sums.operator_, comm)) /
          std::max(1.0, Utilities::MPI::sum(diagonal_sums.count, comm));
        inactive_diagonal = std::exp2(
          std::round(std::log2(std::max(mean_node_diagonal, 1e-300))));
        const petsc_arrays::ReadArray is_active(active);
        unsigned int                  k = 0;
        for (const auto i : owned_dofs)
          if (is_active[k++] == 0)
            system_matrix.add(i, i, inactive_diagonal);
        system_matrix.compress(VectorOperation::add);
      }

    system_mass_factor = mass_factor;
    update_matrix_vectors();
    statistics.assembly_seconds += timer.wall_time();

    // The hierarchy of f' M + L still preconditions f M + L while f stays
    // within a factor 16 of f' (and CG does not slow down, solve_step()).
    // Measured on the tumour case over 14 days (16 adaptive steps from 1 h
    // to 64 h, both species): rebuilding whenever f moved by a factor 2
    // built it 11 times and took 8.6 s of steps; building it once took
    // 6.1 s with 8.8 + 11.8 instead of 7.8 + 11.0 CG iterations per step.
    // A step cut short to end on an output or end time (2.9 s after steps
    // of 1 h) took 157 + 127 iterations on the old hierarchy, 14 + 11 on a
    // new one.
    constexpr double kept_factor_range = 16;
    if (!amg || mass_factor > kept_factor_range * amg_mass_factor ||
        kept_factor_range * mass_factor < amg_mass_factor)
      build_amg();
  }

  void
  ScalarTransport::build_amg()
  {
    Timer timer;
    timer.restart();
    if (!amg)
      amg = std::make_unique<AmgPreconditioner>();
    amg->initialize(system_matrix, setup_data.amg_strong_threshold);
    amg_mass_factor    = system_mass_factor;
    amg_matches_matrix = true;
    statistics.amg_setup_seconds += timer.wall_time();
  }

  void
  ScalarTransport::update_free_dofs()
  {
    free_dofs.reinit(owned_dofs, comm);
    free_dofs = active;
    constraints.set_zero(free_dofs); // Dirichlet and hanging DoFs
  }

  VectorType
  ScalarTransport::free_content_weights() const
  {
    VectorType weights(content_weights);
    condense(weights);
    weights.scale(free_dofs);
    return weights;
  }

  void
  ScalarTransport::remove_at_nodes(const VectorType &moles)
  {
    const VectorType weights = free_content_weights();
    VectorType       c(current_solution);
    {
      const petsc_arrays::ReadArray w(weights), x(moles);
      petsc_arrays::WriteArray      value(c);
      for (unsigned int k = 0; k < c.locally_owned_size(); ++k)
        if (w[k] > 0)
          value[k] -= x[k] / w[k];
    }
    constraints.distribute(c);
    VectorType shift(c);
    shift -= current_solution;
    // Between steps old_solution is current_solution.
    current_solution = c;
    old_solution     = c;
    older_solution += shift;
    ghosted_solution = c;
    // The content falls by the moles' sum up to round-off; the ledger
    // takes the content as it is.
    ledger_.content = content_weights * c - initial_content;
    for (TransportLedger *l : {&ledger_, &previous_ledger_})
      l->released -= total(moles);
  }

  void
  ScalarTransport::update_matrix_vectors()
  {
    inverse_diagonal.reinit(owned_dofs, comm);
    Vec d = static_cast<const Vec &>(inverse_diagonal);
    MatGetDiagonal(system_matrix.petsc_matrix(), d);
    VecReciprocal(d);

    free_operator_sums.reinit(owned_dofs, comm);
    system_matrix.vmult(free_operator_sums, free_dofs);
    free_stiffness = free_dofs * free_operator_sums;
  }

  void
  ScalarTransport::set_state(const VectorType &initial)
  {
    current_solution = initial;
    constraints.distribute(current_solution);
    old_solution       = current_solution;
    older_solution     = current_solution;
    ghosted_solution   = current_solution;
    initial_content    = content_weights * current_solution;
    have_history       = false;
    previous_injection = 0;
    ledger_            = TransportLedger();
    previous_ledger_   = TransportLedger();
  }

  std::vector<VectorType>
  ScalarTransport::checkpoint_vectors() const
  {
    std::vector<VectorType> vectors;
    for (const VectorType *v :
         {&current_solution, &older_solution, &previous_injection})
      {
        vectors.emplace_back(owned_dofs, relevant_dofs, comm);
        vectors.back() = *v;
      }
    return vectors;
  }

  TransportScalars
  ScalarTransport::checkpoint_scalars() const
  {
    TransportScalars s;
    s.initial_content = initial_content;
    s.previous_step   = previous_step;
    s.have_history    = have_history;
    s.ledger          = ledger_;
    s.previous_ledger = previous_ledger_;
    return s;
  }

  void
  ScalarTransport::restore(const std::vector<VectorType> &vectors,
                           const TransportScalars        &scalars)
  {
    AssertDimension(vectors.size(), n_checkpoint_vectors);
    current_solution = vectors[0];
    constraints.distribute(current_solution);
    old_solution       = current_solution;
    older_solution     = vectors[1];
    ghosted_solution   = current_solution;
    previous_injection = vectors[2];
    initial_content    = scalars.initial_content;
    previous_step      = scalars.previous_step;
    have_history       = scalars.have_history;
    ledger_            = scalars.ledger;
    previous_ledger_   = scalars.previous_ledger;
  }

  ScalarTransport::BdfCoefficients
  ScalarTransport::coefficients(const double dt, const unsigned int order) const
  {
    BdfCoefficients bdf;
    if (order == 2 && have_history)
      {
        bdf.omega = dt / previous_step;
        bdf.a0    = (1 + 2 * bdf.omega) / (1 + bdf.omega);
        bdf.a1    = -(1 + bdf.omega);
        bdf.a2    = bdf.omega * bdf.omega / (1 + bdf.omega);
      }
    return bdf;
  }

  void
  ScalarTransport::advance(const double       dt,
                           const unsigned int order,
                           const VectorType  &source,
                           const double       source_scale)
  {
    VectorType scaled(source);
    scaled *= source_scale;
    solve_step(dt, coefficients(dt, order), scaled, std::nullopt);
    previous_injection = 0;
  }

  void
  ScalarTransport::advance_injecting(const double       dt,
                                     const unsigned int order,
                                     const VectorType  &amounts,
                                     const double       scale)
  {
    const BdfCoefficients bdf = coefficients(dt, order);
    VectorType            injection(amounts);
    injection *= scale;
    VectorType source(injection);
    source *= bdf.a0 / dt;
    if (bdf.a2 != 0)
      source.add(-bdf.a2 / dt, previous_injection);
    solve_step(dt, bdf, source, total(injection));
    previous_injection = injection;
  }

  void
  ScalarTransport::solve_step(const double           dt,
                              const BdfCoefficients &bdf,
                              const VectorType      &source,
                              std::optional<double>  released_increment)
  {
    statistics = SolverStatistics();
    Timer        timer;
    const double a0 = bdf.a0, a1 = bdf.a1, a2 = bdf.a2, omega = bdf.omega;
    const double mass_factor = a0 / dt;
    if (mass_factor != system_mass_factor)
      assemble_system_matrix(mass_factor); // times itself and the AMG
    timer.restart();

    // The unconstrained equations read f M c + L c = M h + b, with the
    // history h = (-a1 c^n - a2 c^{n-1}) / dt and the load b (clearance and
    // washout towards c_b, sources). Both c and h take the constrained
    // values of their constraints: c = C c^ + g, h = C h^ + f g. The
    // constrained system is then A c^ = M_c h^ + C^T (b - L g), with
    // Dirichlet rows zero (the f M g terms cancel).
    VectorType history(owned_dofs, comm), load(owned_dofs, comm);
    history.equ(-a1 / dt, old_solution);
    if (a2 != 0)
      history.add(-a2 / dt, older_solution);
    const double history_at_dirichlet = dirichlet_mass_rows * history;
    load                              = clearance_background_rhs;
    load += washout_background_rhs;
    load += source;
    const double load_at_dirichlet = sum_at_dirichlet(load);

    VectorType system_rhs(owned_dofs, comm);
    constraints.set_zero(history);
    constrained_mass_matrix.vmult(system_rhs, history);
    load -= dirichlet_lift;
    condense(load);
    system_rhs += load;
    for (const auto i : dirichlet_dofs)
      system_rhs(i) = 0;
    system_rhs.compress(VectorOperation::insert);

    // Initial guess: the best approximation in the span of recent solutions
    // or, with none yet, the extrapolation from the last two steps.
    if (!recent_solutions.guess(system_rhs, mass_factor, current_solution))
      {
        current_solution = old_solution;
        if (a2 != 0)
          current_solution.sadd(1 + omega, -omega, older_solution);
      }
    constraints.set_zero(current_solution);
    statistics.assembly_seconds += timer.wall_time();

    timer.restart();
    // The concentration scale: a species that starts from zero (H2) takes
    // its scale from the iterates.
    const double scale =
      std::max(old_solution.linfty_norm(), background_field.linfty_norm());
    try
      {
        const CgResult result =
          solve_to_concentration(system_matrix,
                                 system_rhs,
                                 *amg,
                                 inverse_diagonal,
                                 setup_data.linear_tolerance,
                                 scale,
                                 current_solution);
        statistics.iterations = result.iterations;
      }
    catch (const SolverControl::NoConvergence &e)
      {
        // CG's tests are global: every rank fails together.
        throw RunFailure(setup_data.name +
                         ": the linear solver did not converge in " +
                         std::to_string(e.last_step) + " iterations");
      }
    close_mass_balance(system_rhs);
    recent_solutions.add(current_solution,
                         system_matrix,
                         mass_factor,
                         constrained_mass_matrix);
    constraints.distribute(current_solution);
    // A hierarchy kept across opened cells (or step changes) is rebuilt
    // once CG needs clearly more iterations than right after its setup.
    if (amg_matches_matrix)
      amg_iterations = std::max(amg_iterations, statistics.iterations);
    else if (statistics.iterations > 2 * amg_iterations + 4)
      {
        build_amg();
      }
    statistics.solve_seconds = timer.wall_time();

    // Mass balance. Rates at t^{n+1} [mol/s]; the Dirichlet outflow is the
    // residual of the unconstrained equations summed over the Dirichlet
    // rows, M h + b - f M c - L c there (M and L are symmetric).
    const double dirichlet_outflow =
      history_at_dirichlet + load_at_dirichlet -
      mass_factor * (dirichlet_mass_rows * current_solution) -
      dirichlet_operator_rows * current_solution;

    const double release_rate = total(source);
    const double clearance_rate =
      clearance_weights * current_solution - clearance_background_total;
    const double washout_rate =
      washout_weights * current_solution - washout_background_total;

    // Book with the scheme's recurrence: then content = released - cleared -
    // boundary holds for the discrete solution exactly.
    const auto book = [&](double TransportLedger::*member, double rate) {
      return (dt * rate - a1 * (ledger_.*member) -
              a2 * (previous_ledger_.*member)) /
             a0;
    };
    TransportLedger next;
    next.released         = released_increment ?
                              ledger_.released + *released_increment :
                              book(&TransportLedger::released, release_rate);
    next.cleared          = book(&TransportLedger::cleared, clearance_rate);
    next.boundary_outflow = book(&TransportLedger::boundary_outflow,
                                 washout_rate + dirichlet_outflow);
    next.content     = content_weights * current_solution - initial_content;
    previous_ledger_ = ledger_;
    ledger_          = next;

    // Error indicator for adaptive steps: distance from the linear trend.
    VectorType deviation(current_solution);
    if (have_history)
      {
        const double w = dt / previous_step;
        deviation.add(-(1 + w), old_solution, w, older_solution);
      }
    else
      deviation -= old_solution;
    statistics.trend_deviation = deviation.linfty_norm();

    older_solution   = old_solution;
    old_solution     = current_solution;
    ghosted_solution = current_solution;
    previous_step    = dt;
    have_history     = true;
  }

  void
  ScalarTransport::close_mass_balance(const VectorType &rhs)
  {
    // The free rows' residuals of the last iterate sum to a source the
    // ledger does not see: with the stopping test's default tolerance, up
    // to 1e-6 of the release. Shifting every free DoF's value by the same
    // s removes their sum exactly, 1_F^T (b - A (c + s 1_F)) = 0, and moves
    // the values by far less than the tolerance allows (doc/model.md §6).
    // A is symmetric: 1_F^T A c = (A 1_F)^T c, no product needed.
    const double leak = free_dofs * rhs - free_operator_sums * current_solution;
    if (free_stiffness > 0)
      current_solution.add(leak / free_stiffness, free_dofs);
  }

  double
  ScalarTransport::sum_at_dirichlet(const VectorType &v) const
  {
    double                        sum = 0;
    const petsc_arrays::ReadArray entries(v);
    for (const auto i : dirichlet_dofs)
      sum += entries[owned_dofs.index_within_set(i)];
    return Utilities::MPI::sum(sum, comm);
  }

  double
  ScalarTransport::max_value() const
  {
    // deal.II 9.4 deprecates VectorBase::max(); ask PETSc directly.
    PetscReal largest = 0;
    VecMax(static_cast<const Vec &>(current_solution), nullptr, &largest);
    return largest;
  }

  double
  ScalarTransport::min_value() const
  {
    // Over tissue nodes only: implant nodes hold 0 by construction. On the
    // raw local arrays: element access through the wrappers costs a PETSc
    // call per entry.
    double                        smallest = std::numeric_limits<double>::max();
    const petsc_arrays::ReadArray c(current_solution), a(active);
    for (unsigned int k = 0; k < owned_dofs.n_elements(); ++k)
      if (a[k] > 0)
        smallest = std::min(smallest, c[k]);
    return Utilities::MPI::min(smallest, comm);
  }
} // namespace mgsim
