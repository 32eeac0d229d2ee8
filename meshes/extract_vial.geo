// ISO 10993-12 extraction: a Mg disc (10 mm diameter, 2 mm thick) held in
// the middle of a closed vial of culture medium. Units: mm.
//
// Ratio: the disc's whole surface 2 pi 5^2 + 2 pi 5 2 = 219.9 mm^2 at
// 1.25 cm^2 per mL asks for 1759.3 mm^3 of medium; with the disc (157.1
// mm^3) the vial (radius 7 mm) is 12.45 mm high.
//
// Mesh: OpenCASCADE cylinders fragmented so that they share faces,
// tetrahedra of 0.8 mm at the disc to 1.5 mm at the wall, each split into
// four hexahedra (deal.II's distributed triangulation takes hexahedra only).
//
// Physical groups: volumes "disc", "medium"; surfaces "top" (the medium's
// free surface, under the incubator's gas) and "wall" (the rest of the
// vial's inside).
SetFactory("OpenCASCADE");

R_disc = 5;     // disc radius
T_disc = 2;     // disc thickness
R_vial = 7;     // vial radius
H_vial = 12.45; // medium + disc volume 1916.4 mm^3 at this radius

Cylinder(1) = {0, 0, 0, 0, 0, H_vial, R_vial};
Cylinder(2) = {0, 0, H_vial/2 - T_disc/2, 0, 0, T_disc, R_disc};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2}; Delete; }
eps = 1e-3;
disc() = Volume In BoundingBox{-R_disc-eps, -R_disc-eps, H_vial/2-T_disc/2-eps,
                               R_disc+eps, R_disc+eps, H_vial/2+T_disc/2+eps};
all() = Volume{:};
medium() = all();
medium() -= disc();
Physical Volume("disc") = disc();
Physical Volume("medium") = medium();
top() = Surface In BoundingBox{-R_vial-eps, -R_vial-eps, H_vial-eps,
                               R_vial+eps, R_vial+eps, H_vial+eps};
wall() = Abs(CombinedBoundary{ Volume{all()}; });
wall() -= top();
Physical Surface("top") = top();
Physical Surface("wall") = wall();

Field[1] = Distance; Field[1].SurfacesList = {Boundary{Volume{disc()};}};
Field[2] = Threshold; Field[2].InField = 1; Field[2].SizeMin = 0.8; Field[2].SizeMax = 1.5;
Field[2].DistMin = 0.3; Field[2].DistMax = 3;
Background Field = 2;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 0;
Mesh.SubdivisionAlgorithm = 2;
Mesh.MshFileVersion = 2.2;
