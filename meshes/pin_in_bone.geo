// Mg pin (2 mm diameter, 10 mm long) across a femoral shaft: cortical bone
// tube around the marrow cavity, muscle around. Units: mm.
//
// Layout: the shaft runs along y (outer radius 4 mm, marrow radius 2.5 mm,
// the size of a rabbit femur), 24 mm long; the pin lies along x through the
// shaft's centre, crossing both cortices and standing 1 mm proud of each
// into the muscle; muscle fills a cylinder of radius 12 mm around the shaft.
//
// Far field: the Mg2+ decay lengths sqrt(D/k) are 0.37 mm in muscle, 0.2 mm
// in cortical bone and 0.3 mm in marrow (tissue database): the outer
// surfaces are >= 7 mm from the pin.
//
// Mesh: OpenCASCADE volumes fragmented so that they share faces, tetrahedra
// of 0.45 mm at the pin to 3 mm far away, each split into four hexahedra
// (deal.II's distributed triangulation takes hexahedra only).
//
// Physical groups: volumes "pin", "cortical_bone", "marrow", "muscle";
// surface "far" (the whole outer boundary).
SetFactory("OpenCASCADE");

R_pin    = 1;    // pin radius
L_pin    = 10;   // pin length
R_bone   = 4;    // shaft outer radius
R_marrow = 2.5;  // marrow cavity radius
L_shaft  = 24;   // modelled shaft length
R_muscle = 12;   // muscle radius around the shaft

Cylinder(1) = {0, -L_shaft/2, 0, 0, L_shaft, 0, R_muscle};
Cylinder(2) = {0, -L_shaft/2, 0, 0, L_shaft, 0, R_bone};
Cylinder(3) = {0, -L_shaft/2, 0, 0, L_shaft, 0, R_marrow};
Cylinder(4) = {-L_pin/2, 0, 0, L_pin, 0, 0, R_pin};
BooleanFragments{ Volume{1, 2, 3, 4}; Delete; }{}

// Sort the fragments by their (loose, for curved volumes) bounding boxes:
// the pin is the only one short in y; the others span the whole shaft and
// differ in their radius around it (x extent).
eps = 0.1;
pin() = {}; bone() = {}; marrow() = {}; muscle() = {};
all() = Volume{:};
For i In {0:#all()-1}
  bb() = BoundingBox Volume{all(i)};
  If (bb(4) - bb(1) < L_shaft - eps)
    pin() += all(i);
  ElseIf (bb(3) > R_muscle - eps)
    muscle() += all(i);
  ElseIf (bb(3) > R_bone - eps)
    bone() += all(i);
  Else
    marrow() += all(i);
  EndIf
EndFor
Physical Volume("pin") = pin();
Physical Volume("cortical_bone") = bone();
Physical Volume("marrow") = marrow();
Physical Volume("muscle") = muscle();
Physical Surface("far") = Abs(CombinedBoundary{ Volume{all()}; });

Field[1] = Distance; Field[1].SurfacesList = {Boundary{Volume{pin()};}};
Field[2] = Threshold; Field[2].InField = 1; Field[2].SizeMin = 0.45; Field[2].SizeMax = 3;
Field[2].DistMin = 0.2; Field[2].DistMax = 8;
Background Field = 2;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 0;
Mesh.SubdivisionAlgorithm = 2;
Mesh.MshFileVersion = 2.2;
