# --8<-- [start:rest]
# In the deploy pipeline, once the new version is live: an API key, the client's
# app id in the path, the public URL of the serve endpoint in the body.
curl --fail --silent --show-error -X POST "https://api.inngest.com/v2/apps/shop/syncs" \
  -H "Authorization: Bearer $INNGEST_API_KEY" \
  -d '{"url": "https://shop.example.com/api/inngest"}'
# --8<-- [end:rest]
# --8<-- [start:put]
# The app syncs itself on a PUT (refused once unsigned syncs are turned off):
curl --fail --silent --show-error -X PUT https://shop.example.com/api/inngest
# --8<-- [end:put]
