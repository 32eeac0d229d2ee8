// Small helpers shared by the C++ tests: the opening every test's main()
// shares (MPI, communicator, rank 0, checklist), a checklist that prints each
// assertion and counts failures, and a case run with overrides.
#pragma once

#include "input/case_parameters.h"
#include "input/medium_database.h"
#include "physics/brucite_reaction.h"
#include "simulation/problem.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace mgsim_test
{
  /** @p x as a stream writes it with @p digits significant digits. */
  inline std::string
  text(const double x, const int digits = 6)
  {
    std::ostringstream s;
    s << std::setprecision(digits) << x;
    return s.str();
  }

  /** Prints "ok"/"FAIL" per check (on rank 0) and counts failures. */
  class Checklist
  {
  public:
    explicit Checklist(bool print = true)
      : print(print)
    {
    }

    void
    check(bool condition, const std::string &what)
    {
      if (print)
        std::cout << (condition ? "ok    " : "FAIL  ") << what << "\n";
      failures += condition ? 0 : 1;
    }

    /** Prints PASS/FAIL and returns the exit code. */
    int
    finish() const
    {
      if (print)
        std::cout << (failures ? "FAIL" : "PASS") << "\n";
      return failures ? 1 : 0;
    }

  private:
    bool print;
    int  failures = 0;
  };

  /**
   * @brief What every test program opens with: MPI (one thread per rank),
   * the world communicator, whether this is rank 0, and a checklist that
   * prints on rank 0.
   */
  struct Environment
  {
    Environment(int &argc, char **&argv)
      : mpi(argc, argv, 1)
      , comm(MPI_COMM_WORLD)
      , root(dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      , checklist(root)
    {
    }

    dealii::Utilities::MPI::MPI_InitFinalize mpi;
    const MPI_Comm                           comm;
    const bool                               root;
    Checklist                                checklist;
  };

  /** One checklist per test program, for tests with helper functions. */
  inline Checklist &
  checklist()
  {
    static Checklist list;
    return list;
  }

  /** Checks @p condition on the program's checklist. */
  inline void
  check(bool condition, const std::string &what)
  {
    checklist().check(condition, what);
  }

  /** Medium @p name of the media database @p file. */
  inline mgsim::Medium
  medium_from(const std::string &file, const std::string &name)
  {
    const auto database =
      mgsim::MaterialDatabase::read(file,
                                    mgsim::medium_property_specs(),
                                    mgsim::medium_text_keys());
    return mgsim::make_medium(database.get(name, "test"), file);
  }

  /**
   * A well-mixed box of fluid at one node: releases @p mg [mol/m^3] of Mg2+
   * and twice as much base, then reacts with Mg(OH)2 over a step with
   * @p relaxation = 1 / (k_p dt) (0: equilibrium), as every node of a run
   * does. Returns the Mg precipitated.
   */
  inline double
  release_and_react(mgsim::BruciteNode       &node,
                    const mgsim::LocalBuffer &buffer,
                    const double              mg,
                    const double              relaxation)
  {
    node.magnesium += mg;
    node.alkalinity += 2 * mg;
    const double x =
      mgsim::brucite_precipitation(buffer, node, 2.0, relaxation);
    node.magnesium -= x;
    node.alkalinity -= 2 * x;
    node.solid += x;
    return x;
  }

  /**
   * A case read with @p overrides, set up and run to its end (quietly).
   * Not movable: the Problem refers to the parameters.
   */
  struct CaseRun
  {
    CaseRun(const std::string              &case_file,
            const std::vector<std::string> &overrides)
      : prm(mgsim::read_case(case_file, overrides))
      , problem(prm, MPI_COMM_WORLD)
    {
      std::filesystem::create_directories(prm.output.directory);
      problem.setup();
      std::ostringstream quiet;
      problem.run(quiet);
    }
    CaseRun(const CaseRun &) = delete;

    const mgsim::CaseParameters prm;
    mgsim::Problem              problem;
  };
} // namespace mgsim_test
