// A simplified Mg stent in a coronary artery: one ring of a sinusoidal stent
// (6 crowns, 150 um square struts, 3 mm expanded diameter) embedded in the
// arterial wall. Units: mm.
//
// Symmetry. The ring is z = A cos(6 theta) on the cylinder; neighbouring
// rings are its mirror images (crest facing crest, "peak-to-peak" design,
// centre to centre 2 H). The modelled piece is one twelfth of the
// circumference (theta in [0, 30 deg], crest to trough) and z in [-H, H]:
// the planes theta = 0, theta = 30 deg, z = -H and z = H are mirror planes
// of the whole stent, so no-flux there is exact: the piece stands for an
// infinitely long stent, 12 pieces per ring.
//
// Layers (radii): lumen surface 1.30; neointima + media (one tissue,
// "arterial_media") 1.30-1.60, 0.3 mm; adventitia 1.60-2.10, 0.5 mm. The
// strut spans r in [1.35, 1.50] (outer face at the 3 mm expanded diameter),
// covered by 50 um of neointima: the embedded state of weeks 1-4.
//
// Strut: a 150 um square section swept along the centre line, radial
// faces radial and 150 um wide normal to the line everywhere, also on the
// steep flanks (62 deg). Lofted longer than the piece and cut by it.
//
// Mesh: tetrahedra of 35 um at the strut to 150 um from 0.5 mm away, each
// split into four hexahedra (deal.II's distributed triangulation takes
// hexahedra only): 61k cells, 11k in the strut.
//
// Physical groups: volumes "strut", "media", "adventitia"; surfaces "lumen"
// (r = 1.30), "far" (r = 2.10), "symmetry" (the four mirror planes).
SetFactory("OpenCASCADE");

N_crowns = 6;
Phi      = Pi / N_crowns;  // the piece: crest (theta = 0) to trough
R_lumen  = 1.30;
R_media  = 1.60;
R_adv    = 2.10;
R_in     = 1.35;           // strut inner face
R_out    = 1.50;           // strut outer face (3 mm expanded diameter)
R_mid    = (R_in + R_out) / 2;
w        = 0.15;           // strut width
A        = 0.45;           // crest height above the ring's centre plane
H        = 0.75;           // half the ring spacing (mirror plane)

// Centre line z = A cos(pi s / L) in the unrolled plane (s = R_mid theta),
// s in [-d, L + d]. At each of n + 1 points a square section lies in the
// plane normal to the line: radial by the direction across the strut in
// the cylinder's tangent plane. The strut is lofted through the sections
// (planar sections, so the end caps are planar and the solid is valid).
L = R_mid * Phi;
d = 0.2;
n = 48;
sections() = {};
For i In {0:n}
  s  = -d + (L + 2 * d) * i / n;
  th = s / R_mid;
  z  = A * Cos(Pi * s / L);
  dz = -A * Pi / L * Sin(Pi * s / L);
  // tangent t = (-sin th, cos th, dz) / |.|, radial e = (cos th, sin th, 0),
  // across b = e x t (in the tangent plane, normal to the line, up in z)
  nt = Sqrt(1 + dz * dz);
  b_x = (dz * Sin(th)) / nt;
  b_y = (-dz * Cos(th)) / nt;
  b_z = 1 / nt;
  q() = {};
  For corner In {0:3}
    dr = ((corner == 0 || corner == 3) ? R_in : R_out) - R_mid;
    db = ((corner < 2) ? -1 : 1) * w / 2;
    q() += newp;
    Point(newp) = {(R_mid + dr) * Cos(th) + db * b_x,
                   (R_mid + dr) * Sin(th) + db * b_y, z + db * b_z};
  EndFor
  c() = {};
  For corner In {0:3}
    c() += newc;
    Line(newc) = {q(corner), q((corner + 1) % 4)};
  EndFor
  sections() += newll;
  Wire(newll) = c();
EndFor
ThruSections(1) = sections();
strut() = {1};

// The piece: sector cylinders of the wall.
Cylinder(101) = {0, 0, -H, 0, 0, 2 * H, R_adv, Phi};
Cylinder(102) = {0, 0, -H, 0, 0, 2 * H, R_media, Phi};
Cylinder(103) = {0, 0, -H, 0, 0, 2 * H, R_lumen, Phi};
Cylinder(104) = {0, 0, -H, 0, 0, 2 * H, R_adv, Phi};
strut() = BooleanIntersection{ Volume{strut()}; Delete; }{ Volume{104}; Delete; };
adv() = BooleanDifference{ Volume{101}; Delete; }{ Volume{102}; };
media() = BooleanDifference{ Volume{102}; Delete; }{ Volume{103}; Delete; };
media() = BooleanDifference{ Volume{media()}; Delete; }{ Volume{strut()}; };
// Shared faces between the pieces (conforming mesh across the interfaces).
BooleanFragments{ Volume{adv(), media(), strut()}; Delete; }{}

// Sort the volumes: the strut lies within [R_in, R_out] (loose bounding
// boxes of curved shapes are within 0.05 here); the media reaches in to the
// lumen; the adventitia is the rest.
eps = 1e-3;
all() = Volume{:};
strut() = {}; media() = {}; adv() = {};
For i In {0:#all()-1}
  bb() = BoundingBox Volume{all(i)};
  If (bb(3) < R_out + 0.05)
    strut() += all(i);
  ElseIf (bb(3) < R_media + 0.05)
    media() += all(i);
  Else
    adv() += all(i);
  EndIf
EndFor
Physical Volume("strut") = strut();
Physical Volume("media") = media();
Physical Volume("adventitia") = adv();

// Sort the outer faces: planes z = +-H and theta = 0 by their flat boxes,
// the plane theta = Phi by where its box starts, cylinders by radius.
lumen() = {}; far() = {}; sym() = {};
outer() = Abs(CombinedBoundary{ Volume{all()}; });
For i In {0:#outer()-1}
  bb() = BoundingBox Surface{outer(i)};
  If (bb(5) - bb(2) < eps || bb(4) - bb(1) < eps)
    sym() += outer(i);
  ElseIf (bb(1) > R_lumen * Sin(Phi) - eps)
    sym() += outer(i);   // theta = Phi: its box starts at y >= R_lumen sin(Phi)
  ElseIf (bb(3) < R_lumen + eps)
    lumen() += outer(i);
  Else
    far() += outer(i);
  EndIf
EndFor
Physical Surface("lumen") = lumen();
Physical Surface("far") = far();
Physical Surface("symmetry") = sym();

Field[1] = Distance; Field[1].SurfacesList = {Boundary{Volume{strut()};}};
Field[2] = Threshold; Field[2].InField = 1; Field[2].SizeMin = 0.035; Field[2].SizeMax = 0.15;
Field[2].DistMin = 0.02; Field[2].DistMax = 0.5;
Background Field = 2;
Mesh.MeshSizeExtendFromBoundary = 0;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 0;
Mesh.SubdivisionAlgorithm = 2;
Mesh.MshFileVersion = 2.2;
