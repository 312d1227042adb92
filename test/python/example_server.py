"""A grpcio server for resources/protos/example.proto: the non-Node peer gwb is tested against.

It behaves like the demo server (main/demo): GetUser knows a few ids and answers NOT_FOUND with a
google.rpc.ResourceInfo detail, CheckFile looks names up in a fixed virtual table, Chat greets each
sender, Tail streams `lines` lines every `interval_ms`, Upload sums the records. Request headers named
x-echo-* come back as response headers and trailers.

The generated modules (example_pb2, google/rpc/*_pb2) are made by `protoc --python_out` at test time
into a folder on PYTHONPATH: Debian has no grpcio-tools, and grpcio's generic handlers need only the
message classes. Prints `PORT <n>` once listening.
"""

import os
import signal
import sys
import threading
from concurrent import futures

import grpc

import example_pb2
from google.rpc import error_details_pb2, status_pb2

USERS = {
    "1": ("Ada Lovelace", 36),
    "2": ("Alan Turing", 41),
    "3": ("Grace Hopper", 85),
    "42": ("Douglas Adams", 49),
}
FILES = {"README.md": 1024, "notes.txt": 42, "empty.txt": 0, "data/huge.bin": 9007199254740993}
LEVELS = [example_pb2.LogLine.DEBUG, example_pb2.LogLine.INFO, example_pb2.LogLine.WARN, example_pb2.LogLine.ERROR]
DEFAULT_TAIL_INTERVAL_MS = 1000
MAX_TAIL_INTERVAL_MS = 60000


def echoed(context):
    return tuple((k, v) for k, v in context.invocation_metadata() if k.startswith("x-echo-"))


def start_echo(context):
    echo = echoed(context)
    if echo:
        context.send_initial_metadata(echo)
        context.set_trailing_metadata(echo)
    return echo


def abort_rich(context, echo, code, message, detail):
    status = status_pb2.Status(code=code.value[0], message=message)
    status.details.add().Pack(detail)
    context.set_trailing_metadata(echo + (("grpc-status-details-bin", status.SerializeToString()),))
    context.abort(code, message)


def get_user(request, context):
    echo = start_echo(context)
    if request.id == "":
        violation = error_details_pb2.BadRequest.FieldViolation(field="id", description="must not be empty")
        abort_rich(context, echo, grpc.StatusCode.INVALID_ARGUMENT, "id must not be empty",
                   error_details_pb2.BadRequest(field_violations=[violation]))
    user = USERS.get(request.id)
    if user is None:
        message = 'user "%s" not found' % request.id
        info = error_details_pb2.ResourceInfo(
            resource_type="example.User",
            resource_name="users/" + request.id,
            description="known ids: " + ", ".join(USERS),
        )
        abort_rich(context, echo, grpc.StatusCode.NOT_FOUND, message, info)
    return example_pb2.User(id=request.id, name=user[0], age=user[1])


def check_file(request, context):
    start_echo(context)
    size = FILES.get(request.filename)
    return example_pb2.FileResponse(exists=size is not None, size=size or 0)


def chat(request_iterator, context):
    start_echo(context)
    for message in request_iterator:
        sender = message.sender if message.sender.strip() else "stranger"
        yield example_pb2.ChatMessage(sender="Workbench", content="Hello, %s!" % sender)


def tail(request, context):
    start_echo(context)
    if request.lines < 0:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "lines must be 0 (forever) or more")
    if request.interval_ms < 0 or request.interval_ms > MAX_TAIL_INTERVAL_MS:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                      "interval_ms must be between 0 and %d" % MAX_TAIL_INTERVAL_MS)
    pause = (request.interval_ms or DEFAULT_TAIL_INTERVAL_MS) / 1000.0
    name = request.source or "demo"
    seq = 0
    stopped = threading.Event()
    context.add_callback(stopped.set)
    while not stopped.is_set():
        seq += 1
        line = example_pb2.LogLine(seq=seq, level=LEVELS[(seq - 1) % len(LEVELS)], text="%s: line %d" % (name, seq))
        line.at.GetCurrentTime()
        line.fields["source"] = name
        line.fields["peer"] = "python"
        yield line
        if request.lines != 0 and seq >= request.lines:
            return
        stopped.wait(pause)


def upload(request_iterator, context):
    start_echo(context)
    summary = example_pb2.Summary()
    size = 0
    for record in request_iterator:
        summary.count += 1
        summary.keys.append(record.key)
        kind = record.WhichOneof("value")
        if kind == "number":
            summary.total += record.number
        elif kind == "text":
            size += len(record.text.encode("utf-8"))
        elif kind == "blob":
            size += len(record.blob)
    summary.bytes = size
    return summary


def handlers():
    pb = example_pb2

    def unary(fn, req, res):
        return grpc.unary_unary_rpc_method_handler(fn, req.FromString, res.SerializeToString)

    return [
        grpc.method_handlers_generic_handler("example.UserService", {
            "GetUser": unary(get_user, pb.UserRequest, pb.User)}),
        grpc.method_handlers_generic_handler("example.FileService", {
            "CheckFile": unary(check_file, pb.FileRequest, pb.FileResponse)}),
        grpc.method_handlers_generic_handler("example.ChatService", {
            "Chat": grpc.stream_stream_rpc_method_handler(
                chat, pb.ChatMessage.FromString, pb.ChatMessage.SerializeToString)}),
        grpc.method_handlers_generic_handler("example.LogService", {
            "Tail": grpc.unary_stream_rpc_method_handler(
                tail, pb.TailRequest.FromString, pb.LogLine.SerializeToString)}),
        grpc.method_handlers_generic_handler("example.BatchService", {
            "Upload": grpc.stream_unary_rpc_method_handler(
                upload, pb.Record.FromString, pb.Summary.SerializeToString)}),
    ]


def main():
    port_arg = sys.argv[1] if len(sys.argv) > 1 else "0"
    # GWB_PEER_COMPRESSION=gzip|deflate: responses compressed (main/channels/compression tests).
    compression = {"gzip": grpc.Compression.Gzip, "deflate": grpc.Compression.Deflate}.get(
        os.environ.get("GWB_PEER_COMPRESSION", "")
    )
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), compression=compression)
    server.add_generic_rpc_handlers(handlers())
    port = server.add_insecure_port("127.0.0.1:" + port_arg)
    server.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    print("PORT %d" % port, flush=True)
    # Also stop when the parent goes away and closes our stdin.
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    server.stop(0).wait()


if __name__ == "__main__":
    main()
