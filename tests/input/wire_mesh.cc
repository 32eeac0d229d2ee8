// The shipped wire mesh loads with the expected physical groups and ids
// (boundary ids are easy to lose on the way from gmsh to deal.II), every
// boundary face tagged, every cell of positive volume, and region volumes and
// boundary area close to the geometry (wire 0.5 mm x 5 mm in a 10 mm x 11 mm
// tissue cylinder). On the coarse mesh the circles are 24-gons (area ratio
// sin(2 pi/24)/(2 pi/24) = 0.9886), hence 1.5 %; after one refinement with
// cylinder_axis = z the new vertices lie on the circles (48-gon, 0.9971), and
// the wire volume must be within 0.5 %. Also reads the cached .msh directly.
// Usage: wire_mesh CASE.cfg
#include "input/case_parameters.h"
#include "input/mesh_loader.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>

#include <cmath>
#include <iostream>

using namespace dealii;

namespace
{
  int failures = 0;
  void
  check(bool condition, const std::string &what, bool root)
  {
    if (root)
      std::cout << (condition ? "ok    " : "FAIL  ") << what << "\n";
    failures += condition ? 0 : 1;
  }

  struct Measures
  {
    double wire = 0, tissue = 0, outer = 0, untagged = 0, min_cell = 1;
  };

  Measures
  measure(const parallel::distributed::Triangulation<3> &tria,
          const mgsim::MeshInfo                         &info)
  {
    Measures m;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          m.min_cell = std::min(m.min_cell, cell->measure());
          (cell->material_id() == info.regions.at("wire") ? m.wire :
                                                            m.tissue) +=
            cell->measure();
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              (face->boundary_id() == info.boundaries.at("outer") ?
                 m.outer :
                 m.untagged) += face->measure();
        }
    const MPI_Comm comm = tria.get_communicator();
    for (double *x : {&m.wire, &m.tissue, &m.outer, &m.untagged})
      *x = Utilities::MPI::sum(*x, comm);
    m.min_cell = Utilities::MPI::min(m.min_cell, comm);
    return m;
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  const MPI_Comm          comm       = test.comm;
  const bool              root       = test.root;
  const double            mm         = 1e-3;
  const double            wire_exact = M_PI * std::pow(0.25 * mm, 2) * 5 * mm;
  const double tissue_exact = M_PI * std::pow(5 * mm, 2) * 11 * mm - wire_exact;
  const double outer_exact =
    2 * M_PI * 5 * mm * 11 * mm + 2 * M_PI * std::pow(5 * mm, 2);

  for (const unsigned int refinements : {0u, 1u})
    {
      mgsim::CaseParameters prm =
        mgsim::read_case(argv[1],
                         {"mesh.refinements=" + std::to_string(refinements)});
      parallel::distributed::Triangulation<3> tria(comm);
      const mgsim::MeshInfo info = mgsim::load_mesh(prm.mesh, tria);
      const std::string     tag =
        " (refinements " + std::to_string(refinements) + ")";
      check(info.regions.size() == 2 && info.regions.count("wire") &&
              info.regions.count("tissue"),
            "regions are wire and tissue" + tag,
            root);
      check(info.boundaries.size() == 1 && info.boundaries.count("outer"),
            "boundary is outer" + tag,
            root);
      const Measures m = measure(tria, info);
      check(m.min_cell > 0, "all cell volumes positive" + tag, root);
      check(m.untagged == 0,
            "every boundary face carries the 'outer' id" + tag,
            root);
      const double tol = refinements == 0 ? 0.015 : 0.005;
      check(std::abs(m.wire / wire_exact - 1) < tol,
            "wire volume " + std::to_string(m.wire / wire_exact) + " of exact" +
              tag,
            root);
      check(std::abs(m.tissue / tissue_exact - 1) < 0.015,
            "tissue volume " + std::to_string(m.tissue / tissue_exact) +
              " of exact" + tag,
            root);
      check(std::abs(m.outer / outer_exact - 1) < 0.015,
            "outer area " + std::to_string(m.outer / outer_exact) +
              " of exact" + tag,
            root);

      if (refinements == 0)
        {
          // The cached .msh read as a mesh file of its own gives the same mesh.
          mgsim::MeshParameters direct = prm.mesh;
          direct.file                  = info.msh_file;
          parallel::distributed::Triangulation<3> tria2(comm);
          const mgsim::MeshInfo info2 = mgsim::load_mesh(direct, tria2);
          const Measures        m2    = measure(tria2, info2);
          check(tria2.n_global_active_cells() == tria.n_global_active_cells() &&
                  m2.wire == m.wire && info2.boundaries == info.boundaries,
                ".msh file read as is gives the same mesh",
                root);
        }
    }
  if (root)
    std::cout << (failures ? "FAIL" : "PASS") << "\n";
  return failures ? 1 : 0;
}
