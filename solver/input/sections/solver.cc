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
       "0.7"}};
    return specs;
  }

  SolverParameters
  SolverParameters::read(SectionReader &solver)
  {
    SolverParameters s;
    s.fe_degree            = solver.integer("fe_degree");
    s.linear_tolerance     = solver.number("linear_tolerance");
    s.amg_strong_threshold = solver.number("amg_strong_threshold");
    return s;
  }
} // namespace mgsim
