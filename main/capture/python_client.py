"""A grpcio client for the capture tests: calls example.proto's services through gwb proxy.

Messages are hand-encoded protobuf bytes (no generated modules needed: grpcio sends and takes raw
bytes when no serializer is given). Prints one JSON object with what each call got.
Usage: python_client.py HOST:PORT
"""

import json
import sys

import grpc


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def string_field(number, text):
    data = text.encode()
    return varint(number << 3 | 2) + varint(len(data)) + data


def int_field(number, value):
    return varint(number << 3) + varint(value)


def count_stream(responses):
    n = 0
    for _ in responses:
        n += 1
    return n


def main():
    channel = grpc.insecure_channel(sys.argv[1], options=[("grpc.max_receive_message_length", 8 << 20)])
    out = {}
    get_user = channel.unary_unary("/example.UserService/GetUser")
    reply, call = get_user.with_call(
        string_field(1, "7"), metadata=(("x-token", "py"), ("x-blob-bin", b"\x00\x01\xff"))
    )
    out["unary"] = {
        "bytes": reply.hex(),
        "headers": {k: (v.hex() if isinstance(v, bytes) else v) for k, v in call.initial_metadata()},
        "trailers": {k: (v.hex() if isinstance(v, bytes) else v) for k, v in call.trailing_metadata()},
    }
    try:
        get_user(string_field(1, "fail"))
    except grpc.RpcError as error:
        details = [v for k, v in error.trailing_metadata() if k == "grpc-status-details-bin"]
        out["error"] = {"code": error.code().name, "message": error.details(), "detailsBin": len(details)}
    try:
        get_user(string_field(1, "hang"), timeout=0.3)
    except grpc.RpcError as error:
        out["deadline"] = error.code().name
    big = get_user(string_field(1, "big:%d:%s" % (1 << 20, "p" * (1 << 20))))
    out["bigBytes"] = len(big)

    tail = channel.unary_stream("/example.LogService/Tail")
    out["stream"] = count_stream(tail(string_field(1, "py") + int_field(2, 100000)))
    cancelled = tail(string_field(1, "hang") + int_field(2, 3))
    got = 0
    for _ in cancelled:
        got += 1
        if got == 3:
            cancelled.cancel()
            break
    out["cancelledAfter"] = got

    upload = channel.stream_unary("/example.BatchService/Upload")
    summary = upload(iter([string_field(1, k) + string_field(2, k) for k in "abcd"]))
    out["upload"] = summary.hex()
    chat = channel.stream_stream("/example.ChatService/Chat")
    replies = chat(iter([string_field(1, "py") + string_field(2, c) for c in ("one", "two")]))
    out["chat"] = count_stream(replies)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
