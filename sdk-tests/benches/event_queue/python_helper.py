"""Drive the event helper of FlexPrice's Python SDK 1.0 for the event queue benchmark.

The Rust benchmark starts this script with the URL of its local server and reads one JSON
object from standard output. The script needs the `flexprice` package of the 1.0 series,
whose `flexprice.async_utils` module contains the helper (tested with 1.0.17).

Modes:
  latency URL     queue events behind a stalled server, print `filled`, read a line
                  from standard input, then time single `events_post_async` calls
  throughput URL  send a number of events through `events_post_async` and time until
                  the helper has sent them all
"""

import argparse
import json
import os
import sys
import time

from flexprice import ApiClient, Configuration
from flexprice import async_utils
from flexprice.api.events_api import EventsApi
from flexprice.models.dto_ingest_event_request import DtoIngestEventRequest

WORKERS = 2


def make_event(n):
    """Build event number n with the same fields as the Rust benchmark's events."""
    return DtoIngestEventRequest(
        event_name="api_call",
        external_customer_id=f"customer-{n}",
        properties={"region": "eu", "bytes": str(n * 10)},
    )


def install_processor(max_queue_size):
    """Replace the module's default processor (1000 events) with one of the given size.

    `events_post_async` looks the processor up in the module on every call, so the new one
    takes effect at once. The default processor's workers stop within their 0.5 s poll.
    """
    async_utils._processor.stop()
    processor = async_utils.AsyncEventProcessor(
        max_queue_size=max_queue_size, workers=WORKERS
    )
    processor.start()
    async_utils._processor = processor
    return processor


def events_api(url):
    configuration = Configuration(host=url, api_key={"ApiKeyAuth": "bench-key"})
    return EventsApi(ApiClient(configuration))


def timed_submits(api, events):
    """Submit each event, returning the nanoseconds of each call and the rejection count."""
    samples = []
    rejected = 0
    for event in events:
        started = time.perf_counter_ns()
        accepted = api.events_post_async(event)
        samples.append(time.perf_counter_ns() - started)
        if not accepted:
            rejected += 1
    return samples, rejected


def wait_until_sent(processor, timeout):
    """Wait until the workers finished every queued event; return whether they did."""
    queue = processor.event_queue
    deadline = time.monotonic() + timeout
    with queue.all_tasks_done:
        while queue.unfinished_tasks:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            queue.all_tasks_done.wait(left)
    return True


def measure_latency(args):
    api = events_api(args.url)
    install_processor(args.queue)
    events = [make_event(n) for n in range(args.fill + args.timed)]
    _, fill_rejected = timed_submits(api, events[: args.fill])
    # Each worker takes one event and blocks on the stalled server, and the rest stays
    # queued. After `filled`, the benchmark writes a line once the server has read both
    # requests, so that no worker still runs Python code during the timed calls.
    sys.stdout.write("filled\n")
    sys.stdout.flush()
    sys.stdin.readline()
    queued_before = async_utils._processor.event_queue.qsize()
    samples, rejected = timed_submits(api, events[args.fill :])
    return {
        "held_before": queued_before,
        "enqueue_ns": samples,
        "rejected": rejected + fill_rejected,
    }


def measure_throughput(args):
    api = events_api(args.url)
    processor = install_processor(args.events)
    events = [make_event(n) for n in range(args.events)]
    started = time.perf_counter()
    samples, rejected = timed_submits(api, events)
    finished = wait_until_sent(processor, args.timeout)
    seconds = time.perf_counter() - started
    return {
        "events": args.events,
        "seconds": seconds,
        "finished": finished,
        "enqueue_ns": samples,
        "rejected": rejected,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["latency", "throughput"])
    parser.add_argument("url", help="base URL of the benchmark server")
    parser.add_argument("--queue", type=int, default=10_000, help="queue size (latency)")
    parser.add_argument("--fill", type=int, default=4_000, help="events queued first")
    parser.add_argument("--timed", type=int, default=2_000, help="timed calls (latency)")
    parser.add_argument("--events", type=int, default=5_000, help="events (throughput)")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to wait for delivery"
    )
    args = parser.parse_args()
    if args.mode == "latency":
        result = measure_latency(args)
    else:
        result = measure_throughput(args)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    # The helper's workers may still block on a stalled server, and its exit hook joins
    # each for a second: exit at once instead.
    os._exit(0)


if __name__ == "__main__":
    main()
