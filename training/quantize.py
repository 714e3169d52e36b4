"""Dynamic int8 quantization by graph rewrite (python3-onnx only; ONNX Runtime's quantizer is not available here).

    python3 quantize.py IN.onnx OUT.onnx
- every MatMul whose right operand is a float initializer W[K,N] becomes
    DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q int8, x_zp, 0) -> Cast(float) -> Mul(x_scale * w_scale[N])
  with symmetric per-output-column int8 weights;
- every Gather from a float initializer table (the word embedding) becomes a Gather from an int8 table times a
  gathered per-row scale.
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    m = onnx.load(sys.argv[1])
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes, new_inits, drop = [], [], set()
    n_mm = n_g = 0
    for node in g.node:
        if node.op_type == "MatMul" and node.input[1] in inits and len(numpy_helper.to_array(inits[node.input[1]]).shape) == 2:
            w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)
            scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0
            wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            p = node.name.replace("/", "_") or f"mm{n_mm}"
            new_inits += [numpy_helper.from_array(wq, p + "_Wq"), numpy_helper.from_array(scale.astype(np.float32), p + "_Ws"),
                          numpy_helper.from_array(np.array(0, np.int8), p + "_Wzp")]
            x = node.input[0]
            new_nodes += [
                helper.make_node("DynamicQuantizeLinear", [x], [p + "_xq", p + "_xs", p + "_xzp"], name=p + "_dql"),
                helper.make_node("MatMulInteger", [p + "_xq", p + "_Wq", p + "_xzp", p + "_Wzp"], [p + "_yi"], name=p + "_mmi"),
                helper.make_node("Cast", [p + "_yi"], [p + "_yf"], to=TensorProto.FLOAT, name=p + "_cast"),
                helper.make_node("Mul", [p + "_xs", p + "_Ws"], [p + "_s"], name=p + "_scale"),
                helper.make_node("Mul", [p + "_yf", p + "_s"], [node.output[0]], name=p + "_mul"),
            ]
            drop.add(node.input[1])
            n_mm += 1
        elif node.op_type == "Gather" and node.input[0] in inits and numpy_helper.to_array(inits[node.input[0]]).size > 100000:
            w = numpy_helper.to_array(inits[node.input[0]]).astype(np.float32)
            scale = (np.maximum(np.abs(w).max(axis=1, keepdims=True), 1e-8) / 127.0).astype(np.float32)
            wq = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            p = node.name.replace("/", "_") or f"g{n_g}"
            new_inits += [numpy_helper.from_array(wq, p + "_Tq"), numpy_helper.from_array(scale, p + "_Ts")]
            new_nodes += [
                helper.make_node("Gather", [p + "_Tq", node.input[1]], [p + "_gq"], axis=0, name=p + "_gather_q"),
                helper.make_node("Gather", [p + "_Ts", node.input[1]], [p + "_gs"], axis=0, name=p + "_gather_s"),
                helper.make_node("Cast", [p + "_gq"], [p + "_gf"], to=TensorProto.FLOAT, name=p + "_cast"),
                helper.make_node("Mul", [p + "_gf", p + "_gs"], [node.output[0]], name=p + "_mul"),
            ]
            drop.add(node.input[0])
            n_g += 1
        else:
            new_nodes.append(node)
    still_used = {i for n in new_nodes for i in n.input}
    keep = [i for i in g.initializer if i.name not in drop or i.name in still_used]
    del g.initializer[:]
    g.initializer.extend(keep + new_inits)
    del g.node[:]
    g.node.extend(new_nodes)
    onnx.checker.check_model(m)
    onnx.save(m, sys.argv[2])
    print(f"quantized {n_mm} MatMul and {n_g} Gather nodes -> {sys.argv[2]}")


if __name__ == "__main__":
    main()
