// [solver]: the finite element, the linear solver (doc/model.md §6) and the
// run guards (§11).
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  struct SolverParameters
  {
    unsigned int fe_degree = 1;
    /**
     * CG stops when every node's residual in concentration units, r_i / A_ii,
     * is below this times the species' scale (doc/model.md §6).
     */
    double linear_tolerance = 1e-6;
    /** BoomerAMG strong threshold (0.5-0.7 suit 3D Laplacians). */
    double amg_strong_threshold = 0.7;
    /** Run guards (doc/model.md §11): the largest relative mass-balance
     * error and undershoot below zero (a fraction of the species' largest
     * level) a step may leave. */
    double max_balance_error = 1e-6, max_undershoot = 0.25;

    /** The keys of [solver]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [solver]. */
    static SolverParameters
    read(SectionReader &section);
  };
} // namespace mgsim
