"""marsad.claims"""
