// Pure Mg wire (0.5 mm diameter, 6 mm long) pushed through a subcutaneous
// xenograft tumour (ellipsoid 8 x 8 x 6 mm) that sits in subcutaneous tissue
// over muscle. Units: mm (the case file's [mesh] unit = mm converts to SI).
//
// Layout: muscle z in [-5, 0], subcutaneous tissue z in [0, 8] up to the skin
// (z = 8), 18 x 18 mm wide; the tumour is centred at (0, 0, 4) with semi-axes
// 4, 4, 3 mm; the wire lies along x through its centre, ending 1 mm inside
// the tumour's surface on both sides.
//
// Far field: the Mg2+ decay length sqrt(D/k) is 0.26 mm in tumour, 0.55 mm in
// subcutaneous tissue and 0.37 mm in muscle; the sides and the bottom are
// >= 5 mm (>= 9 decay lengths) from the tumour, where the level is background.
//
// Mesh: OpenCASCADE volumes fragmented so that they share faces, meshed with
// tetrahedra graded from 0.15 mm at the wire to 2.5 mm at 6 mm distance, and
// each tetrahedron split into four hexahedra (Mesh.SubdivisionAlgorithm = 2):
// deal.II's distributed triangulation takes hexahedra only. About 69k cells
// (5.9k in the wire, 48k in the tumour). Faceted surfaces: the tumour volume
// is 0.8 % and the wire volume 1 % below the exact shapes.
//
// Physical groups: volumes "wire", "tumour", "subcutaneous", "muscle";
// surfaces "skin" (top) and "far" (sides and bottom).
SetFactory("OpenCASCADE");

R  = 0.25;  // wire radius
Lw = 6;     // wire length
Box(1) = {-9, -9, -5, 18, 18, 5};     // muscle
Box(2) = {-9, -9, 0, 18, 18, 8};      // subcutaneous
Sphere(3) = {0, 0, 4, 1};
Dilate {{0, 0, 4}, {4, 4, 3}} { Volume{3}; }
Cylinder(4) = {-Lw/2, 0, 4, Lw, 0, 0, R};
BooleanFragments{ Volume{1,2,3,4}; Delete; }{}
eps = 1e-3;
// Sort the fragments by their bounding boxes. Those of curved (BSpline)
// volumes are loose in OpenCASCADE, so the tumour is told apart by what it
// is not: not the wire, not a slab spanning the whole width.
wire() = Volume In BoundingBox{-Lw/2-eps, -R-eps, 4-R-eps, Lw/2+eps, R+eps, 4+R+eps};
tumour() = {}; sub() = {}; muscle() = {};
all() = Volume{:};
For i In {0:#all()-1}
  bb() = BoundingBox Volume{all(i)};
  If (all(i) != wire(0))
    If (bb(0) > -9 + 0.5)
      tumour() += all(i);
    ElseIf (bb(5) < eps)
      muscle() += all(i);
    Else
      sub() += all(i);
    EndIf
  EndIf
EndFor
Physical Volume("wire") = wire();
Physical Volume("tumour") = tumour();
Physical Volume("subcutaneous") = sub();
Physical Volume("muscle") = muscle();
skin() = Surface In BoundingBox{-9-eps, -9-eps, 8-eps, 9+eps, 9+eps, 8+eps};
outer() = Abs(CombinedBoundary{ Volume{all()}; });
far() = outer();
far() -= skin();
Physical Surface("skin") = skin();
Physical Surface("far") = far();
Field[1] = Distance; Field[1].SurfacesList = {Boundary{Volume{wire()};}};
// Element size: fine where Mg2+ varies (next to the wire), coarse far away.
Field[2] = Threshold; Field[2].InField = 1; Field[2].SizeMin = 0.15; Field[2].SizeMax = 2.5; Field[2].DistMin = 0.15; Field[2].DistMax = 6;
Background Field = 2;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 0;
Mesh.SubdivisionAlgorithm = 2;
Mesh.MshFileVersion = 2.2;
