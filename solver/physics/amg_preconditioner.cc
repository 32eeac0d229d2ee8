#include "physics/amg_preconditioner.h"

#include <deal.II/lac/exceptions.h>

#include <petscpc.h>

#include <string>

namespace mgsim
{
  namespace
  {
    /** Sets -mgsim_@p key unless the user gave it (PETSC_OPTIONS, command
     * line). */
    void
    set_default(const std::string &key, const std::string &value)
    {
      const std::string name  = "-mgsim_" + key;
      PetscBool         given = PETSC_FALSE;
      PetscOptionsHasName(nullptr, nullptr, name.c_str(), &given);
      if (!given)
        PetscOptionsSetValue(nullptr, name.c_str(), value.c_str());
    }

    void
    check(const PetscErrorCode error)
    {
      AssertThrow(error == 0, dealii::ExcPETScError(error));
    }
  } // namespace

  void
  AmgPreconditioner::initialize(const MatrixType &system,
                                const double      strong_threshold)
  {
    clear();
    matrix = static_cast<Mat>(system);

    // One V-cycle as a preconditioner; symmetric smoothing for CG.
    set_default("pc_hypre_boomeramg_max_iter", "1");
    set_default("pc_hypre_boomeramg_tol", "0");
    set_default("pc_hypre_boomeramg_relax_type_all", "symmetric-SOR/Jacobi");
    // Measured on the default wire case over its first day (both species,
    // bench/): hypre's defaults (Falgout coarsening, classical interpolation,
    // operator complexity 2.9) took 0.21 s/step at 62k Q1 DoFs and 8.5 s/step
    // at 484k; HMIS coarsening, ext+i interpolation with at most 4 entries per
    // row and one aggressive level take slightly more CG iterations but 0.07
    // and 2.8 s/step.
    set_default("pc_hypre_boomeramg_coarsen_type", "HMIS");
    set_default("pc_hypre_boomeramg_interp_type", "ext+i");
    set_default("pc_hypre_boomeramg_P_max", "4");
    set_default("pc_hypre_boomeramg_agg_nl", "1");
    set_default("pc_hypre_boomeramg_strong_threshold",
                std::to_string(strong_threshold));

    check(PCCreate(system.get_mpi_communicator(), &pc));
    check(PCSetOptionsPrefix(pc, "mgsim_"));
    check(PCSetOperators(pc, matrix, matrix));
    check(PCSetType(pc, PCHYPRE));
    check(PCHYPRESetType(pc, "boomeramg"));
    check(PCSetFromOptions(pc));
    // The hierarchy is built by the first solve and then stays when the
    // matrix moves (a new step length, opened cells): the caller decides
    // when to rebuild.
    check(PCSetReusePreconditioner(pc, PETSC_TRUE));
  }
} // namespace mgsim
