#!/usr/bin/python3
# A business application the TPS project did not write: Python pika (Debian python3-pika) talking
# to an endpoint's business-application queues. Reads one JSON job on stdin:
#   {"url": "...", "publish": [{"queue", "headers", "body_b64", "message_id"?}],
#    "consume": [{"queue", "count", "timeout"}]}
# publishes each message to its queue (default exchange, persistent, publisher confirms), then
# consumes `count` messages from each queue in order, and prints one JSON document on stdout:
#   {"consumed": {queue: [{"body_b64", "headers", "message_id", "correlation_id", "content_type"}]}}
import base64
import json
import sys
import time

import pika


def text(v):
    return v.decode("utf-8") if isinstance(v, (bytes, bytearray)) else v


def main():
    job = json.load(sys.stdin)
    conn = pika.BlockingConnection(pika.URLParameters(job["url"]))
    ch = conn.channel()
    ch.confirm_delivery()
    for m in job.get("publish", []):
        props = pika.BasicProperties(headers=m.get("headers") or {}, delivery_mode=2, message_id=m.get("message_id"))
        ch.basic_publish(exchange="", routing_key=m["queue"], body=base64.b64decode(m["body_b64"]), properties=props, mandatory=True)
    consumed = {}
    for c in job.get("consume", []):
        got = []
        deadline = time.time() + c["timeout"]
        while len(got) < c["count"] and time.time() < deadline:
            method, props, body = ch.basic_get(queue=c["queue"], auto_ack=False)
            if method is None:
                conn.sleep(0.05)
                continue
            got.append({
                "body_b64": base64.b64encode(body).decode("ascii"),
                "headers": {k: text(v) for k, v in (props.headers or {}).items()},
                "message_id": props.message_id,
                "correlation_id": props.correlation_id,
                "content_type": props.content_type,
            })
            ch.basic_ack(method.delivery_tag)
        consumed[c["queue"]] = got
    conn.close()
    json.dump({"consumed": consumed}, sys.stdout)


if __name__ == "__main__":
    main()
