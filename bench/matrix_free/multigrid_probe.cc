// One species' step operator A = (f + k) M + D L (f = 1/dt) on a gmsh mesh
// refined R times, Dirichlet on one boundary, solved for a random right-hand
// side to 1e-6 of its l2 norm in two ways:
//  - matrix-free: deal.II MatrixFree operators (Q1) on every level, geometric
//    multigrid (local smoothing over the refinement levels, Chebyshev of
//    degree CHEB with point-Jacobi), the gmsh mesh itself as the coarse level
//    with an assembled matrix and one ML V-cycle (or, with "exact", CG + ML
//    to 1e-8: the best this smoother can do);
//  - assembled: the matrix in PETSc's AIJ format and BoomerAMG with mgsim's
//    options (physics/amg_preconditioner.cc).
// Prints unknowns, seconds per operator application, CG iterations, solve
// seconds and the memory each adds (resident set after malloc_trim).
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/la_parallel_vector.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/precondition.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_sparsity_pattern.h>
#include <deal.II/matrix_free/fe_evaluation.h>
#include <deal.II/matrix_free/matrix_free.h>
#include <deal.II/matrix_free/operators.h>
#include <deal.II/multigrid/mg_coarse.h>
#include <deal.II/multigrid/mg_constrained_dofs.h>
#include <deal.II/multigrid/mg_matrix.h>
#include <deal.II/multigrid/mg_smoother.h>
#include <deal.II/multigrid/mg_tools.h>
#include <deal.II/multigrid/mg_transfer_matrix_free.h>
#include <deal.II/multigrid/multigrid.h>
#include <deal.II/numerics/vector_tools.h>

#include <petscksp.h>

#include <malloc.h>

#include <fstream>
#include <iostream>
#include <random>

using namespace dealii;
using VectorType = LinearAlgebra::distributed::Vector<double>;

namespace
{
  // Muscle-like tissue, steps of 600 s (bench/peer/graded_wire.cfg).
  constexpr double mass_factor = 1. / 600 + 5e-4; // f + k [1/s]
  constexpr double diffusivity = 5e-10;           // D [m^2/s]

  double
  resident_mb()
  {
    malloc_trim(0); // freed heap back to the system: count what is held
    Utilities::System::MemoryStats stats;
    Utilities::System::get_memory_stats(stats);
    return stats.VmRSS / 1024.;
  }

  /** The cell matrix of A on @p cell. */
  template <class Cell>
  void
  cell_matrix(FEValues<3> &fe_values, const Cell &cell, FullMatrix<double> &m)
  {
    fe_values.reinit(cell);
    m = 0;
    for (unsigned int q = 0; q < fe_values.n_quadrature_points; ++q)
      for (unsigned int i = 0; i < m.m(); ++i)
        for (unsigned int j = 0; j < m.n(); ++j)
          m(i, j) += (mass_factor * fe_values.shape_value(i, q) *
                        fe_values.shape_value(j, q) +
                      diffusivity * fe_values.shape_grad(i, q) *
                        fe_values.shape_grad(j, q)) *
                     fe_values.JxW(q);
  }

  class StepOperator : public MatrixFreeOperators::Base<3, VectorType>
  {
  public:
    void
    compute_diagonal() override
    {
      inverse_diagonal_entries = std::make_shared<DiagonalMatrix<VectorType>>();
      VectorType &d            = inverse_diagonal_entries->get_vector();
      data->initialize_dof_vector(d);
      unsigned int unused = 0;
      data->cell_loop(&StepOperator::local_diagonal, this, d, unused);
      set_constrained_entries_to_one(d);
      for (auto &x : d)
        x = 1. / x;
    }

  private:
    using Evaluation = FEEvaluation<3, 1, 2, 1, double>;
    using Range      = std::pair<unsigned int, unsigned int>;

    static void
    quadrature(Evaluation &phi)
    {
      phi.evaluate(EvaluationFlags::values | EvaluationFlags::gradients);
      for (unsigned int q = 0; q < phi.n_q_points; ++q)
        {
          phi.submit_value(mass_factor * phi.get_value(q), q);
          phi.submit_gradient(diffusivity * phi.get_gradient(q), q);
        }
      phi.integrate(EvaluationFlags::values | EvaluationFlags::gradients);
    }

    void
    apply_add(VectorType &dst, const VectorType &src) const override
    {
      data->cell_loop(&StepOperator::local_apply, this, dst, src);
    }

    void
    local_apply(const MatrixFree<3, double> &mf,
                VectorType                  &dst,
                const VectorType            &src,
                const Range                 &cells) const
    {
      Evaluation phi(mf);
      for (unsigned int cell = cells.first; cell < cells.second; ++cell)
        {
          phi.reinit(cell);
          phi.read_dof_values(src);
          quadrature(phi);
          phi.distribute_local_to_global(dst);
        }
    }

    void
    local_diagonal(const MatrixFree<3, double> &mf,
                   VectorType                  &dst,
                   const unsigned int &,
                   const Range &cells) const
    {
      Evaluation                             phi(mf);
      AlignedVector<VectorizedArray<double>> diagonal(phi.dofs_per_cell);
      for (unsigned int cell = cells.first; cell < cells.second; ++cell)
        {
          phi.reinit(cell);
          for (unsigned int i = 0; i < phi.dofs_per_cell; ++i)
            {
              for (unsigned int j = 0; j < phi.dofs_per_cell; ++j)
                phi.submit_dof_value(VectorizedArray<double>(i == j), j);
              quadrature(phi);
              diagonal[i] = phi.get_dof_value(i);
            }
          for (unsigned int i = 0; i < phi.dofs_per_cell; ++i)
            phi.submit_dof_value(diagonal[i], i);
          phi.distribute_local_to_global(dst);
        }
    }
  };

  /** The coarse level: one ML V-cycle, or CG + ML to 1e-8 ("exact"). */
  class CoarseSolve : public MGCoarseGridBase<VectorType>
  {
  public:
    CoarseSolve(const TrilinosWrappers::SparseMatrix &matrix, const bool exact)
      : matrix(matrix)
      , exact(exact)
    {
      TrilinosWrappers::PreconditionAMG::AdditionalData data;
      data.smoother_sweeps = 2;
      amg.initialize(matrix, data);
    }

    void
    operator()(const unsigned int,
               VectorType       &dst,
               const VectorType &src) const override
    {
      if (!exact)
        return amg.vmult(dst, src);
      SolverControl        control(500, 1e-8 * src.l2_norm());
      SolverCG<VectorType> cg(control);
      dst = 0;
      cg.solve(matrix, dst, src, amg);
    }

  private:
    const TrilinosWrappers::SparseMatrix &matrix;
    TrilinosWrappers::PreconditionAMG     amg;
    const bool                            exact;
  };

  template <class Operator>
  double
  seconds_per_product(const Operator &op, VectorType &x, const VectorType &b)
  {
    Timer timer;
    for (unsigned int i = 0; i < 20; ++i)
      op.vmult(x, b);
    return timer.wall_time() / 20;
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  if (argc < 5)
    {
      std::cerr << "usage: multigrid_probe MESH.msh REFINEMENTS CHEB_DEGREE "
                   "DIRICHLET_ID [exact]\n";
      return 2;
    }
  const unsigned int       refinements = std::stoi(argv[2]);
  const unsigned int       degree      = std::stoi(argv[3]);
  const types::boundary_id dirichlet   = std::stoi(argv[4]);
  const bool               exact = argc > 5 && std::string(argv[5]) == "exact";

  parallel::distributed::Triangulation<3> triangulation(
    MPI_COMM_WORLD,
    Triangulation<3>::limit_level_difference_at_vertices,
    parallel::distributed::Triangulation<3>::construct_multigrid_hierarchy);
  {
    Triangulation<3> serial;
    GridIn<3>        grid_in;
    grid_in.attach_triangulation(serial);
    std::ifstream file(argv[1]);
    grid_in.read_msh(file);
    triangulation.copy_triangulation(serial);
  }
  triangulation.refine_global(refinements);
  const FE_Q<3> fe(1);
  DoFHandler<3> dof_handler(triangulation);
  dof_handler.distribute_dofs(fe);
  dof_handler.distribute_mg_dofs();
  const MappingQ1<3> mapping;
  const double       mesh_mb = resident_mb();

  IndexSet relevant;
  DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
  AffineConstraints<double> constraints(relevant);
  VectorTools::interpolate_boundary_values(
    mapping, dof_handler, dirichlet, Functions::ZeroFunction<3>(), constraints);
  constraints.close();

  // Matrix-free operators on every level but the coarsest.
  Timer                                 timer;
  MatrixFree<3, double>::AdditionalData mf_data;
  mf_data.mapping_update_flags =
    update_values | update_gradients | update_JxW_values;
  StepOperator fine;
  {
    auto mf = std::make_shared<MatrixFree<3, double>>();
    mf->reinit(mapping, dof_handler, constraints, QGauss<1>(2), mf_data);
    fine.initialize(mf);
    fine.compute_diagonal();
  }
  const unsigned int n_levels = triangulation.n_global_levels();
  MGConstrainedDoFs  mg_constraints;
  mg_constraints.initialize(dof_handler);
  mg_constraints.make_zero_boundary_constraints(dof_handler, {dirichlet});
  MGLevelObject<StepOperator> levels(0, n_levels - 1);
  for (unsigned int l = 1; l < n_levels; ++l)
    {
      IndexSet level_relevant;
      DoFTools::extract_locally_relevant_level_dofs(dof_handler,
                                                    l,
                                                    level_relevant);
      AffineConstraints<double> level_constraints(level_relevant);
      level_constraints.add_lines(mg_constraints.get_boundary_indices(l));
      level_constraints.close();
      mf_data.mg_level = l;
      auto mf          = std::make_shared<MatrixFree<3, double>>();
      mf->reinit(
        mapping, dof_handler, level_constraints, QGauss<1>(2), mf_data);
      levels[l].initialize(mf, mg_constraints, l);
      levels[l].compute_diagonal();
    }
  // The coarse level (the gmsh mesh) assembled.
  TrilinosWrappers::SparseMatrix coarse_matrix;
  {
    const IndexSet owned = dof_handler.locally_owned_mg_dofs(0);
    TrilinosWrappers::SparsityPattern pattern(owned, owned, MPI_COMM_WORLD);
    MGTools::make_sparsity_pattern(dof_handler, pattern, 0);
    pattern.compress();
    coarse_matrix.reinit(pattern);
    FEValues<3>                          fe_values(mapping,
                          fe,
                          QGauss<3>(2),
                          update_values | update_gradients | update_JxW_values);
    FullMatrix<double>                   m(fe.dofs_per_cell, fe.dofs_per_cell);
    std::vector<types::global_dof_index> dofs(fe.dofs_per_cell);
    const IndexSet &boundary = mg_constraints.get_boundary_indices(0);
    for (const auto &cell : dof_handler.mg_cell_iterators_on_level(0))
      if (cell->is_locally_owned_on_level())
        {
          cell_matrix(fe_values, cell, m);
          cell->get_mg_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            for (unsigned int j = 0; j < dofs.size(); ++j)
              if (!boundary.is_element(dofs[i]) &&
                  !boundary.is_element(dofs[j]))
                coarse_matrix.add(dofs[i], dofs[j], m(i, j));
              else if (i == j)
                coarse_matrix.add(dofs[i], dofs[j], m(i, i));
        }
    coarse_matrix.compress(VectorOperation::add);
  }
  CoarseSolve                     coarse(coarse_matrix, exact);
  MGTransferMatrixFree<3, double> transfer(mg_constraints);
  transfer.build(dof_handler);
  using Smoother = PreconditionChebyshev<StepOperator, VectorType>;
  mg::SmootherRelaxation<Smoother, VectorType>     smoother;
  MGLevelObject<typename Smoother::AdditionalData> smoother_data(0,
                                                                 n_levels - 1);
  for (unsigned int l = 1; l < n_levels; ++l)
    {
      smoother_data[l].smoothing_range     = 15;
      smoother_data[l].degree              = degree;
      smoother_data[l].eig_cg_n_iterations = 12;
      smoother_data[l].preconditioner = levels[l].get_matrix_diagonal_inverse();
    }
  smoother_data[0] = smoother_data[n_levels - 1]; // level 0 is never smoothed
  smoother_data[0].preconditioner.reset();
  smoother.initialize(levels, smoother_data);
  mg::Matrix<VectorType> mg_matrix(levels);
  MGLevelObject<MatrixFreeOperators::MGInterfaceOperator<StepOperator>>
    interfaces(0, n_levels - 1);
  for (unsigned int l = 1; l < n_levels; ++l)
    interfaces[l].initialize(levels[l]);
  mg::Matrix<VectorType> mg_interface(interfaces);
  Multigrid<VectorType>  mg(
    mg_matrix, coarse, transfer, smoother, smoother, 0, n_levels - 1);
  mg.set_edge_matrices(mg_interface, mg_interface);
  PreconditionMG<3, VectorType, MGTransferMatrixFree<3, double>> multigrid(
    dof_handler, mg, transfer);
  const double mg_setup = timer.wall_time();
  const double mg_mb    = resident_mb() - mesh_mb;

  VectorType x, b;
  fine.initialize_dof_vector(x);
  fine.initialize_dof_vector(b);
  std::mt19937                           random(1);
  std::uniform_real_distribution<double> uniform(-0.5, 0.5);
  for (auto &v : b)
    v = uniform(random);
  constraints.set_zero(b);

  timer.restart();
  SolverControl        mg_control(1000, 1e-6 * b.l2_norm());
  SolverCG<VectorType> cg(mg_control);
  cg.solve(fine, x, b, multigrid);
  const double mg_solve   = timer.wall_time();
  const double mf_product = seconds_per_product(fine, x, b);

  // The same problem assembled, BoomerAMG as in mgsim.
  timer.restart();
  const IndexSet        &owned = dof_handler.locally_owned_dofs();
  DynamicSparsityPattern pattern(relevant);
  DoFTools::make_sparsity_pattern(dof_handler, pattern, constraints, false);
  SparsityTools::distribute_sparsity_pattern(pattern,
                                             owned,
                                             MPI_COMM_WORLD,
                                             relevant);
  PETScWrappers::MPI::SparseMatrix matrix;
  matrix.reinit(owned, owned, pattern, MPI_COMM_WORLD);
  pattern.reinit(0, 0);
  {
    FEValues<3>                          fe_values(mapping,
                          fe,
                          QGauss<3>(2),
                          update_values | update_gradients | update_JxW_values);
    FullMatrix<double>                   m(fe.dofs_per_cell, fe.dofs_per_cell);
    std::vector<types::global_dof_index> dofs(fe.dofs_per_cell);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell_matrix(fe_values, cell, m);
          cell->get_dof_indices(dofs);
          constraints.distribute_local_to_global(m, dofs, matrix);
        }
    matrix.compress(VectorOperation::add);
  }
  for (const auto &[key, value] :
       std::vector<std::pair<const char *, const char *>>{
         {"-pc_hypre_boomeramg_relax_type_all", "Chebyshev"},
         {"-pc_hypre_boomeramg_coarsen_type", "HMIS"},
         {"-pc_hypre_boomeramg_interp_type", "ext+i"},
         {"-pc_hypre_boomeramg_P_max", "4"},
         {"-pc_hypre_boomeramg_agg_nl", "1"},
         {"-pc_hypre_boomeramg_strong_threshold", "0.7"}})
    PetscOptionsSetValue(nullptr, key, value);
  KSP ksp;
  PC  pc;
  KSPCreate(MPI_COMM_WORLD, &ksp);
  KSPSetOperators(ksp, matrix, matrix);
  KSPSetType(ksp, KSPCG);
  KSPGetPC(ksp, &pc);
  PCSetType(pc, PCHYPRE);
  PCHYPRESetType(pc, "boomeramg");
  KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED);
  KSPSetTolerances(ksp, 1e-6, 0, PETSC_DEFAULT, 1000);
  KSPSetFromOptions(ksp);
  KSPSetUp(ksp);
  const double amg_setup = timer.wall_time();
  const double amg_mb    = resident_mb() - mesh_mb - mg_mb;

  PETScWrappers::MPI::Vector pb(owned, MPI_COMM_WORLD),
    px(owned, MPI_COMM_WORLD);
  for (const auto i : owned)
    pb(i) = b(i);
  pb.compress(VectorOperation::insert);
  timer.restart();
  KSPSolve(ksp, pb, px);
  const double amg_solve = timer.wall_time();
  PetscInt     amg_iterations;
  KSPGetIterationNumber(ksp, &amg_iterations);
  timer.restart();
  for (unsigned int i = 0; i < 20; ++i)
    matrix.vmult(px, pb);
  const double aij_product = timer.wall_time() / 20;
  KSPDestroy(&ksp);

  std::cout << "cells per SIMD batch " << VectorizedArray<double>::size()
            << " (deal.II built with DEAL_II_VECTORIZATION_WIDTH_IN_BITS "
            << DEAL_II_VECTORIZATION_WIDTH_IN_BITS << ")\n"
            << "unknowns " << dof_handler.n_dofs() << ", levels " << n_levels
            << ", mesh and DoFs " << mesh_mb << " MB\n"
            << "matrix-free GMG (Chebyshev " << degree << ", coarse "
            << (exact ? "CG + ML to 1e-8" : "one ML V-cycle") << "): product "
            << mf_product << " s, CG its " << mg_control.last_step()
            << ", solve " << mg_solve << " s, setup " << mg_setup
            << " s, memory " << mg_mb << " MB\n"
            << "assembled AIJ + BoomerAMG: product " << aij_product
            << " s, CG its " << amg_iterations << ", solve " << amg_solve
            << " s, setup " << amg_setup << " s, memory " << amg_mb << " MB\n";
}
