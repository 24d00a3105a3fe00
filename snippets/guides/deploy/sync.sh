# --8<-- [start:put]
# In the deploy pipeline, once the new version is live:
curl --fail --silent --show-error -X PUT https://shop.example.com/api/inngest
# --8<-- [end:put]
