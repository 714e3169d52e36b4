"""Fold the character CNN's embedding lookup and convolution into three table lookups (exact up to float rounding).

    python3 fold_char_conv.py IN.onnx OUT.onnx

The exported char-CNN is Gather(char_emb[256, 32], ids[N, L]) -> Transpose -> Conv(W[96, 32, 3], b, pad 1) ->
mask -> ReduceMax over the L positions. A convolution of looked-up embeddings is a sum of looked-up products:

    conv[n, o, p] = b[o] + sum_k T_k[ids[n, p + k - 1], o],   T_k = char_emb @ W[:, :, k].T   ([256, 96] each)

with id 0 (the padding character, whose embedding is zero) standing in for the convolution's zero padding at both
ends. So the Gather, the Transpose and the Conv (about a third of a 128-token run on the 2-core VMs) become three
Gathers of precomputed rows and two Adds, channels last; the padding mask is reshaped to [N, L, 1] and the max runs
over axis 1. Both the fp32 and the int8 files get it (build.sh); the logits change only by float rounding
(checked by onnx_tool.js compare in build.sh's log and by the evaluation that follows).
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


def fold(model):
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    consumers = {}
    for n in g.node:
        for x in n.input:
            consumers.setdefault(x, []).append(n)
    by_output = {o: n for n in g.node for o in n.output}

    conv = next(n for n in g.node if n.op_type == "Conv" and "char" in n.name)
    attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
    assert attrs.get("kernel_shape") == [3] and attrs.get("pads", [1, 1]) == [1, 1], attrs
    assert attrs.get("strides", [1]) == [1] and attrs.get("dilations", [1]) == [1] and attrs.get("group", 1) == 1, attrs
    transpose = by_output[conv.input[0]]
    assert transpose.op_type == "Transpose", transpose.op_type
    gather = by_output[transpose.input[0]]
    assert gather.op_type == "Gather" and gather.input[0] in inits, gather.op_type
    ids = gather.input[1]

    emb = numpy_helper.to_array(inits[gather.input[0]]).astype(np.float32)
    w = numpy_helper.to_array(inits[conv.input[1]]).astype(np.float32)  # [out, in, 3]
    b = numpy_helper.to_array(inits[conv.input[2]]).astype(np.float32)
    assert np.abs(emb[0]).max() == 0.0, "char id 0 must have a zero embedding to stand in for the zero padding"
    tables = [emb @ w[:, :, k].T for k in range(3)]  # [256, out] each

    # the mask: Mul(conv_out, mask) ... ReduceMax(axes=[2]) over [N, out, L]
    (mul,) = consumers[conv.output[0]]
    assert mul.op_type == "Mul", mul.op_type
    mask = mul.input[1]
    reshape_mask = by_output[by_output[mask].input[0]].input[0]  # Cast <- Greater <- Reshape
    reshape_node = by_output[reshape_mask]
    assert reshape_node.op_type == "Reshape", reshape_node.op_type
    concat = by_output[reshape_node.input[1]]
    assert concat.op_type == "Concat" and len(concat.input) == 3, concat.op_type
    reduce = next(n for n in g.node if n.op_type == "ReduceMax" and any(x.startswith("/Add") for x in n.input))
    red_attrs = {a.name: helper.get_attribute_value(a) for a in reduce.attribute}
    assert red_attrs.get("axes") == [2] and red_attrs.get("keepdims") == 0, red_attrs

    p = "char_fold_"
    new_inits = [
        numpy_helper.from_array(tables[0], p + "t0"),
        numpy_helper.from_array(tables[1], p + "t1"),
        numpy_helper.from_array(tables[2], p + "t2"),
        numpy_helper.from_array(b.reshape(1, 1, -1), p + "bias"),
        numpy_helper.from_array(np.array([0, 1, 0, 1], dtype=np.int64), p + "pads"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), p + "s0"),
        numpy_helper.from_array(np.array([-2], dtype=np.int64), p + "e0"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), p + "s2"),
        numpy_helper.from_array(np.array([np.iinfo(np.int64).max], dtype=np.int64), p + "e2"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), p + "axis1"),
    ]
    new_nodes = [
        helper.make_node("Pad", [ids, p + "pads"], [p + "padded"], name=p + "pad", mode="constant"),
        helper.make_node("Slice", [p + "padded", p + "s0", p + "e0", p + "axis1"], [p + "left"], name=p + "left"),
        helper.make_node("Slice", [p + "padded", p + "s2", p + "e2", p + "axis1"], [p + "right"], name=p + "right"),
        helper.make_node("Gather", [p + "t0", p + "left"], [p + "g0"], name=p + "g0", axis=0),
        helper.make_node("Gather", [p + "t1", ids], [p + "g1"], name=p + "g1", axis=0),
        helper.make_node("Gather", [p + "t2", p + "right"], [p + "g2"], name=p + "g2", axis=0),
        helper.make_node("Add", [p + "g0", p + "g1"], [p + "a01"], name=p + "a01"),
        helper.make_node("Add", [p + "a01", p + "g2"], [p + "a012"], name=p + "a012"),
        helper.make_node("Add", [p + "a012", p + "bias"], [conv.output[0]], name=p + "conv"),
    ]
    # channels last: the mask [N, 1, L] becomes [N, L, 1]; the max runs over the positions, now axis 1
    concat.input[1], concat.input[2] = concat.input[2], concat.input[1]
    for a in reduce.attribute:
        if a.name == "axes":
            a.ints[:] = [1]

    drop = {id(gather), id(transpose), id(conv)}
    kept = [n for n in g.node if id(n) not in drop]
    at = next(i for i, n in enumerate(kept) if n is mul)
    for n in reversed(new_nodes):
        kept.insert(at, n)
    del g.node[:]
    g.node.extend(kept)
    used = {x for n in g.node for x in n.input}
    keep_inits = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep_inits + new_inits)
    # value_info of the old channel-first tensors would now be wrong
    stale = {conv.output[0], mul.output[0]}
    keep_vi = [v for v in g.value_info if v.name not in stale]
    del g.value_info[:]
    g.value_info.extend(keep_vi)
    return model


def main():
    src, dst = sys.argv[1], sys.argv[2]
    model = fold(onnx.load(src))
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"folded the char CNN into table lookups -> {dst}")


if __name__ == "__main__":
    main()
