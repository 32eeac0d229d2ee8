#!/usr/bin/python3
"""The FEniCSx peer of bench/peer/run.sh: the Mg2+ equation of mgsim's
graded-wire benchmark, written as a researcher fluent in FEniCSx would.

    alpha dc/dt = div(alpha D grad c) - alpha k (c - c_b)   in the tissue,
    -alpha D dc/dn = J                                       on the wire surface,
    c = c_b on the box sides, no flux at the box ends,

backward Euler, Q1 on the tissue part of bench/peer/graded_wire.geo (the wire
itself is not meshed). The matrix is assembled and BoomerAMG set up once
(the step is constant); each step assembles the right-hand side and solves
with CG. BoomerAMG is tuned as the best hand-tuned setting found for this
mesh: HMIS coarsening, ext+i interpolation (at most 4 entries per row), one
level of aggressive coarsening, strong threshold 0.7.

The flux J of each step is given (--released: moles released per step, as
mgsim's ledger reports them; they are spread evenly over the wire surface),
so both codes inject the same amount. Prints one JSON line: setup seconds,
seconds and CG iterations per step, peak memory, the final largest level.

Runs with Debian's python3 (python3-dolfinx, python3-gmsh); mpirun works.
"""
import argparse
import json
import resource
import sys
import time

t_start = time.perf_counter()

import gmsh  # noqa: E402
import numpy as np  # noqa: E402
import ufl  # noqa: E402
from dolfinx import fem, mesh as dmesh  # noqa: E402
from dolfinx.io import gmshio  # noqa: E402
from dolfinx.fem.petsc import (apply_lifting, assemble_matrix,  # noqa: E402
                               assemble_vector, create_vector, set_bc)
from mpi4py import MPI  # noqa: E402
from petsc4py import PETSc  # noqa: E402

t_imported = time.perf_counter()


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("geo", help="graded_wire.geo")
    p.add_argument("--released", required=True,
                   help="comma-separated moles released in each step")
    p.add_argument("--dt", type=float, default=600.0, help="step [s]")
    p.add_argument("--alpha", type=float, default=1.0)
    p.add_argument("--D", type=float, default=5e-10, help="[m^2/s]")
    p.add_argument("--k", type=float, default=5e-4, help="[1/s]")
    p.add_argument("--background", type=float, default=0.85,
                   help="c_b [mol/m^3]")
    p.add_argument("--rtol", type=float, default=1e-8,
                   help="CG relative tolerance (PETSc's default)")
    p.add_argument("--half-width", type=float, default=5.0,
                   help="the box's half-width W of the .geo [mm]")
    p.add_argument("--strong-threshold", type=float, default=0.7)
    return p.parse_args()


def tissue_mesh(geo, comm):
    """Meshes the .geo with gmsh and builds the mesh of its tissue volume
    (physical group 2) in m. Rank 0 reads; dolfinx distributes."""
    gmsh.initialize()
    gmsh.option.setNumber("General.Terminal", 0)
    cells, x = np.empty((0, 8), dtype=np.int64), np.empty((0, 3))
    if comm.rank == 0:
        gmsh.open(geo)
        gmsh.model.mesh.generate(3)
        tags, coords, _ = gmsh.model.mesh.getNodes()
        position = np.zeros(int(tags.max()) + 1, dtype=np.int64)
        position[tags.astype(np.int64)] = np.arange(len(tags))
        coords = coords.reshape(-1, 3)
        hexes = []
        for volume in gmsh.model.getEntitiesForPhysicalGroup(3, 2):
            _, _, nodes = gmsh.model.mesh.getElements(3, volume)
            hexes.append(nodes[0].reshape(-1, 8).astype(np.int64))
        hexes = position[np.concatenate(hexes)]
        # Only the tissue's nodes, numbered compactly.
        used, cells = np.unique(hexes, return_inverse=True)
        cells = cells.reshape(-1, 8)[:, gmshio.cell_perm_array(
            dmesh.CellType.hexahedron, 8)]
        x = coords[used] * 1e-3
    gmsh.finalize()
    domain = dmesh.create_mesh(
        comm, cells, x, ufl.Mesh(ufl.VectorElement(
            "Lagrange", ufl.hexahedron, 1)))
    return domain


def boundary_facets(domain, wire_radius, half_width):
    """Facet tags: 3 on the wire surface, 1 on the box sides."""
    tol = 1e-9
    on_wire = dmesh.locate_entities_boundary(
        domain, 2, lambda x: np.abs(np.hypot(x[0], x[1]) - wire_radius) < 1e-10)
    on_sides = dmesh.locate_entities_boundary(
        domain, 2, lambda x: np.maximum(np.abs(x[0]), np.abs(x[1]))
        > half_width - tol)
    facets = np.concatenate([on_wire, on_sides])
    values = np.concatenate([np.full_like(on_wire, 3),
                             np.full_like(on_sides, 1)])
    order = np.argsort(facets)
    return dmesh.meshtags(domain, 2, facets[order],
                          values[order].astype(np.int32))


def main():
    args = parse()
    comm = MPI.COMM_WORLD
    released = [float(x) for x in args.released.split(",")]

    domain = tissue_mesh(args.geo, comm)
    facets = boundary_facets(domain, 0.25e-3, args.half_width * 1e-3)
    t_mesh = time.perf_counter()

    V = fem.FunctionSpace(domain, ("Lagrange", 1))
    c, v = ufl.TrialFunction(V), ufl.TestFunction(V)
    c_old = fem.Function(V)
    c_old.x.array[:] = args.background
    ds = ufl.Measure("ds", domain=domain, subdomain_data=facets)
    area = comm.allreduce(fem.assemble_scalar(fem.form(
        fem.Constant(domain, 1.0) * ds(3))), op=MPI.SUM)

    dt = fem.Constant(domain, args.dt)
    alpha, D, k = args.alpha, args.D, args.k
    cb = fem.Constant(domain, args.background)
    J = fem.Constant(domain, 0.0)
    a = fem.form(alpha * c * v / dt * ufl.dx
                 + alpha * D * ufl.inner(ufl.grad(c), ufl.grad(v)) * ufl.dx
                 + alpha * k * c * v * ufl.dx)
    L = fem.form(alpha * c_old * v / dt * ufl.dx + alpha * k * cb * v * ufl.dx
                 + J * v * ds(3))

    sides = facets.find(1)
    bc = fem.dirichletbc(PETSc.ScalarType(args.background),
                         fem.locate_dofs_topological(V, 2, sides), V)

    A = assemble_matrix(a, bcs=[bc])
    A.assemble()
    b = create_vector(L)

    opts = PETSc.Options()
    opts["pc_hypre_boomeramg_coarsen_type"] = "HMIS"
    opts["pc_hypre_boomeramg_interp_type"] = "ext+i"
    opts["pc_hypre_boomeramg_P_max"] = 4
    opts["pc_hypre_boomeramg_agg_nl"] = 1
    opts["pc_hypre_boomeramg_strong_threshold"] = args.strong_threshold
    ksp = PETSc.KSP().create(comm)
    ksp.setOperators(A)
    ksp.setType("cg")
    ksp.getPC().setType("hypre")
    ksp.getPC().setHYPREType("boomeramg")
    ksp.setTolerances(rtol=args.rtol)
    ksp.setFromOptions()
    ksp.setUp()
    t_setup = time.perf_counter()

    c_new = fem.Function(V)
    step_seconds, iterations = [], []
    for q in released:
        t0 = time.perf_counter()
        J.value = q / (args.dt * area)
        with b.localForm() as local:
            local.set(0)
        assemble_vector(b, L)
        apply_lifting(b, [a], bcs=[[bc]])
        b.ghostUpdate(addv=PETSc.InsertMode.ADD,
                      mode=PETSc.ScatterMode.REVERSE)
        set_bc(b, [bc])
        # Initial guess: the last step's solution (as mgsim's backward Euler).
        c_new.x.array[:] = c_old.x.array
        ksp.setInitialGuessNonzero(True)
        ksp.solve(b, c_new.vector)
        c_new.x.scatter_forward()
        c_old.x.array[:] = c_new.x.array
        step_seconds.append(time.perf_counter() - t0)
        iterations.append(ksp.getIterationNumber())

    n_owned = V.dofmap.index_map.size_local
    largest = comm.allreduce(float(np.max(c_old.x.array[:n_owned])),
                             op=MPI.MAX)
    peak_kb = comm.allreduce(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, op=MPI.SUM)
    if comm.rank == 0:
        print(json.dumps({
            "code": "FEniCSx %s" % __import__("dolfinx").__version__,
            "ranks": comm.size,
            "unknowns": V.dofmap.index_map.size_global,
            "steps": len(step_seconds),
            "import_s": t_imported - t_start,
            "mesh_s": t_mesh - t_imported,
            "setup_s": t_setup - t_start,
            "s_per_step": float(np.mean(step_seconds)),
            "cg_per_step": float(np.mean(iterations)),
            "peak_MB": peak_kb / 1024.0,
            "max_c_mM": largest,
            "wire_area_mm2": area * 1e6,
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
