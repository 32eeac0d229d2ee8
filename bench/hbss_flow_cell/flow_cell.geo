// V2 stand-in (doc/model.md §7.8): a 2 mm disc of commercially pure Mg,
// flush with the floor of a flow cell of HBSS, under a stagnant (Nernst)
// layer of thickness delta whose top is held at the bulk by the flow. One
// quarter of the cell between two mirror planes (x = 0, y = 0). Units: mm.
//
// delta = 0.25 mm: Barzegari's profile reaches the bulk pH by ~250 um above
// the disc, taken as where the flow holds the bulk (an input from the
// measurement, not a prediction: a flow profile would need advection).
//
// Physical groups: volumes "disc" (0.1 mm thick, below the floor), "fluid";
// surfaces "bulk" (the layer's top and its outer side), "floor" (the rest:
// the cell's floor, the mirror planes, the disc's sides and bottom).
SetFactory("OpenCASCADE");

R_disc = 1;     // disc radius
T_disc = 0.1;   // disc thickness (its sides and bottom are in the mount)
R_cell = 1.5;   // the layer's radius: 2 delta beyond the disc's edge
delta  = 0.25;  // stagnant layer

Cylinder(1) = {0, 0, 0, 0, 0, delta, R_cell, Pi/2};
Cylinder(2) = {0, 0, -T_disc, 0, 0, T_disc, R_disc, Pi/2};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2}; Delete; }
eps = 1e-4;
disc() = Volume In BoundingBox{-eps, -eps, -T_disc-eps, R_disc+eps, R_disc+eps, eps};
all() = Volume{:};
fluid() = all();
fluid() -= disc();
Physical Volume("disc") = disc();
Physical Volume("fluid") = fluid();
top() = Surface In BoundingBox{-eps, -eps, delta-eps, R_cell+eps, R_cell+eps, delta+eps};
outer() = Surface In BoundingBox{-R_cell-eps, -R_cell-eps, -eps, R_cell+eps, R_cell+eps, delta+eps};
// The outer side: the surfaces of the layer at r = R_cell (not planes x, y = 0
// or the floor): those whose bounding box reaches r = R_cell in x and y.
side() = {};
For i In {0 : #outer()-1}
  bb() = BoundingBox Surface{outer(i)};
  If (bb(3) > R_cell - eps && bb(4) > R_cell - eps && bb(5) > delta - eps && bb(2) < eps)
    side() += outer(i);
  EndIf
EndFor
bulk() = top();
bulk() += side();
floor() = Abs(CombinedBoundary{ Volume{all()}; });
floor() -= bulk();
Physical Surface("bulk") = bulk();
Physical Surface("floor") = floor();

// Fine (25 um) along the axis, where the profile is read, 0.15 mm from
// 0.6 mm off it.
axis() = Curve In BoundingBox{-eps, -eps, -eps, eps, eps, delta+eps};
Field[1] = Distance; Field[1].CurvesList = {axis()};
Field[2] = Threshold; Field[2].InField = 1; Field[2].SizeMin = 0.025;
Field[2].SizeMax = 0.15; Field[2].DistMin = 0.15; Field[2].DistMax = 0.6;
Background Field = 2;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 0;
Mesh.SubdivisionAlgorithm = 2;
Mesh.MshFileVersion = 2.2;
