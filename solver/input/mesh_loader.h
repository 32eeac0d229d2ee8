// Meshes: gmsh .geo sources are meshed through the gmsh API (once; the .msh is
// cached next to the source, keyed by a hash of its text), .msh files are read
// as they are. gmsh physical groups name the regions (volumes -> material ids)
// and the outer boundaries (surfaces -> boundary ids).
#pragma once

#include "input/case_parameters.h"

#include <deal.II/base/types.h>
#include <deal.II/distributed/tria.h>

#include <map>
#include <string>

namespace mgsim
{
  /** @brief Names of a mesh's physical groups. */
  struct MeshInfo
  {
    /** The mesh file the case names (.msh or .geo): what errors name. */
    std::string file;
    /** The .msh file actually read (the cache file for a .geo). */
    std::string                                       msh_file;
    std::map<std::string, dealii::types::material_id> regions;
    std::map<std::string, dealii::types::boundary_id> boundaries;

    /** Region name of a material id ("" if none). */
    std::string
    region_name(dealii::types::material_id id) const;
  };

  /**
   * Fills @p triangulation from the case's mesh (meshing a .geo first if no
   * cached .msh exists), scales it to meters and refines it globally.
   * Throws InputError naming the file if the mesh is unusable.
   */
  MeshInfo
  load_mesh(const MeshParameters                            &parameters,
            dealii::parallel::distributed::Triangulation<3> &triangulation);

  /**
   * @brief A mesh loaded once for the runs of a comparison or calibration.
   *
   * Each run's triangulation is copied from the one kept here. A copy from a
   * distributed triangulation copies its p4est forest: no reading, checking
   * or reordering of the coarse cells (tumour case, 69k cells: 3.5 s per run
   * -> 0.7 s). Runs change their own copy (cells opening, adaptation), never
   * this one.
   */
  class MeshTemplate
  {
  public:
    explicit MeshTemplate(MPI_Comm comm);

    /**
     * As load_mesh(): from the kept mesh if it was loaded with the same
     * parameters, else loads (and keeps) it first.
     */
    MeshInfo
    load(const MeshParameters                            &parameters,
         dealii::parallel::distributed::Triangulation<3> &triangulation);

  private:
    dealii::parallel::distributed::Triangulation<3> pristine;
    MeshParameters                                  loaded_with;
    MeshInfo                                        info;
  };

  /**
   * Checks that every mesh region is the implant or has a [region.*] section,
   * that every section names a mesh region/boundary and that every tagged
   * boundary has a [boundary.*] section. Throws InputError.
   */
  void
  check_mesh_against_case(const MeshInfo       &mesh,
                          const CaseParameters &parameters);
} // namespace mgsim
