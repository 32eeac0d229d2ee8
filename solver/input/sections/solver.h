// [solver]: the finite element and the linear solver (doc/model.md §6).
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

    /** The keys of [solver]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [solver]. */
    static SolverParameters
    read(SectionReader &section);
  };
} // namespace mgsim
