// A wire running through a tissue slab from face to face (units: mm): the
// wire's ends lie on the slab faces, so it corrodes only on its side and a
// uniform rate gives R(t) = R0 - v t exactly (tests/receding_wire.cc).
// All-hex O-grid with a small square core and many thin rings in the wire,
// so the front is resolved as it recedes; coarse tissue.
R_wire  = 0.25;   // wire radius
L       = 0.5;    // slab thickness = wire length
R_out   = 2.0;    // tissue cylinder radius
s_core  = 0.05;   // core square corners' distance from the axis

n_quarter = 8;    // cells per quarter circle
n_wire    = 12;   // rings core -> wire surface
n_tissue  = 8;    // rings wire surface -> outer boundary
q_tissue  = 1.4;  // their growth factor
n_len     = 1;    // layers along the wire

Mesh.MshFileVersion = 2.2;
Mesh.RecombineAll = 1;

c = newp; Point(c) = {0, 0, 0};
For i In {0:3}
  a = Pi/4 + i*Pi/2;
  pc[i] = newp; Point(pc[i]) = {s_core*Cos(a), s_core*Sin(a), 0};
  pw[i] = newp; Point(pw[i]) = {R_wire*Cos(a), R_wire*Sin(a), 0};
  po[i] = newp; Point(po[i]) = {R_out*Cos(a),  R_out*Sin(a),  0};
EndFor
For i In {0:3}
  j = (i+1)%4;
  lc[i] = newl; Line(lc[i])   = {pc[i], pc[j]};
  lw[i] = newl; Circle(lw[i]) = {pw[i], c, pw[j]};
  lo[i] = newl; Circle(lo[i]) = {po[i], c, po[j]};
  sw[i] = newl; Line(sw[i])   = {pc[i], pw[i]};
  st[i] = newl; Line(st[i])   = {pw[i], po[i]};
EndFor
Transfinite Curve{lc[], lw[], lo[]} = n_quarter + 1;
Transfinite Curve{sw[]} = n_wire + 1;
Transfinite Curve{st[]} = n_tissue + 1 Using Progression q_tissue;

cl = newll; Curve Loop(cl) = {lc[0], lc[1], lc[2], lc[3]};
core = news; Plane Surface(core) = {cl};
For i In {0:3}
  j = (i+1)%4;
  cl = newll; Curve Loop(cl) = {sw[i], lw[i], -sw[j], -lc[i]};
  ring[i] = news; Plane Surface(ring[i]) = {cl};
  cl = newll; Curve Loop(cl) = {st[i], lo[i], -st[j], -lw[i]};
  outer[i] = news; Plane Surface(outer[i]) = {cl};
EndFor
Transfinite Surface{core, ring[], outer[]};
Recombine Surface{core, ring[], outer[]};

sect[] = {core, ring[], outer[]};
wire_vols[] = {}; tissue_vols[] = {}; bottom[] = {}; top[] = {}; side[] = {};
For i In {0:#sect[]-1}
  ex[] = Extrude {0, 0, L} { Surface{sect[i]}; Layers{n_len}; Recombine; };
  top[] += ex[0];
  bottom[] += sect[i];
  If (i < 5)
    wire_vols[] += ex[1];
  Else
    tissue_vols[] += ex[1];
    side[] += ex[3];
  EndIf
EndFor

Physical Volume("wire", 1) = {wire_vols[]};
Physical Volume("tissue", 2) = {tissue_vols[]};
Physical Surface("faces", 1) = {bottom[], top[]};
Physical Surface("outer", 2) = {side[]};
