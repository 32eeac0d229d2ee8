#include "input/sections/solver.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  SolverParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"fe_degree",
       "-",
       "degree of the finite element (Q1 or Q2)",
       "",
       1,
       2,
       {},
       "1"},
      {"linear_tolerance",
       "-",
       "CG stops when every node's residual, in concentration units (r_i / "
       "A_ii), is below this times the species' concentration scale",
       "a relative tolerance in (0, 1e-2]",
       1e-16,
       1e-2,
       {},
       "1e-6"},
      {"amg_strong_threshold",
       "-",
       "BoomerAMG strong threshold",
       "a number in [0, 1]",
       0,
       1,
       {},
       "0.7"},
      {"max_balance_error",
       "-",
       "a run stops (exit code 3) when a species' mass-balance error, "
       "relative to the largest of its moles released, cleared, through "
       "boundaries and at background, exceeds this (the shipped cases keep "
       "it below 1e-9)",
       "a relative error in (0, 1]",
       1e-300,
       1,
       {},
       "1e-6"},
      {"max_undershoot",
       "-",
       "a run stops (exit code 3) when a level falls below minus this "
       "fraction of the species' largest level (Galerkin undershoot at "
       "sharp fronts is at most 4.2 % on the shipped cases)",
       "a fraction in (0, 1e3]",
       1e-300,
       1e3,
       {},
       "0.25"}};
    return specs;
  }

  SolverParameters
  SolverParameters::read(SectionReader &solver)
  {
    SolverParameters s;
    s.fe_degree            = solver.integer("fe_degree");
    s.linear_tolerance     = solver.number("linear_tolerance");
    s.amg_strong_threshold = solver.number("amg_strong_threshold");
    s.max_balance_error    = solver.number("max_balance_error");
    s.max_undershoot       = solver.number("max_undershoot");
    return s;
  }
} // namespace mgsim
